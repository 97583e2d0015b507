package org.qaqpa.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of a benchmark request before it is signed, as the issue names them: {@code 2KB}, {@code 10KB},
 * {@code 100KB}, {@code 1MB} (binary units, as {@code SignVerifyBench}'s "2 KB request" of 2,048 bytes).
 */
public record PayloadSize(int bytes) implements Payload {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB)?");

    public PayloadSize {
        if (bytes < 1) {
            throw new IllegalArgumentException("a payload size must be at least 1 byte, got " + bytes);
        }
    }

    /** Parses {@code 2KB}, {@code 2KiB}, {@code 1MB} or a plain number of bytes. */
    public static PayloadSize parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (examples: 2KB, 10KB, 100KB, 1MB)");
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        long factor = switch (unit) {
            case "KB", "KIB" -> 1024;
            case "MB", "MIB" -> 1024 * 1024;
            default -> 1;
        };
        long bytes = number * factor;
        if (bytes > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("a payload of " + text + " is larger than the 64 MiB the bench supports");
        }
        return new PayloadSize((int) bytes);
    }

    @Override
    public int bytesFor(long index) {
        return bytes;
    }

    @Override
    public double averageBytes() {
        return bytes;
    }

    @Override
    public String toString() {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "KB" : bytes + "B";
    }
}
