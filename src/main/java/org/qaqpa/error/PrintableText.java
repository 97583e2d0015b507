package org.qaqpa.error;

/**
 * Makes untrusted text safe to show in a fault message or a log line: one line (control and line
 * separator characters escaped) and short (cut after a limit), so input can neither forge log
 * lines nor be echoed back at length.
 */
public final class PrintableText {

    /** Code points shown before a value is cut. */
    public static final int MAX_SHOWN = 60;

    private PrintableText() {
    }

    /** The value escaped and cut after {@link #MAX_SHOWN} code points; {@code null} shows as an empty string. */
    public static String of(String value) {
        return of(value, MAX_SHOWN);
    }

    /** The value escaped and cut after {@code maxShown} code points. */
    public static String of(String value, int maxShown) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int[] codePoints = value.codePoints().limit(maxShown + 1L).toArray();
        for (int i = 0; i < codePoints.length; i++) {
            if (i == maxShown) {
                return out.append("...").toString();
            }
            int c = codePoints[i];
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
