package org.qaqpa.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run, in the order they are printed: as one JSON object
 * ({@code --json}, for scripts and for comparing runs) or as aligned lines for a person. Keys are
 * lower snake case with their unit as the suffix ({@code _ms}, {@code _rps}, {@code _mb}).
 */
public final class BenchReport {

    private final Map<String, Object> figures = new LinkedHashMap<>();

    /** Adds a figure: a String, Boolean, whole number, a double (printed with two decimals) or null. */
    BenchReport put(String key, Object value) {
        figures.put(key, value);
        return this;
    }

    /** The figure under {@code key}, as it was put. */
    public Object get(String key) {
        return figures.get(key);
    }

    /** One line: {@code {"scenario":"async","rps":812.25,…}}. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        figures.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(key)).append(':').append(jsonValue(value));
        });
        return json.append('}').toString();
    }

    /** One figure per line, names aligned. */
    public String toText() {
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder text = new StringBuilder();
        figures.forEach((key, value) -> text.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", key,
                value instanceof String s ? s : jsonValue(value))));
        return text.toString();
    }

    private static String jsonValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double number) {
            return number.isNaN() || number.isInfinite() ? "null" : String.format(Locale.ROOT, "%.2f", number);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(value.toString());
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
