package org.qaqpa.security.wss;

/**
 * A trust anchor or gateway key that an operator's change brings and the gateway refuses, with the reason; the
 * admin API answers it with a JSON error ({@link Kind} decides the HTTP status), never a stack trace.
 */
public final class KeyMaterialRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why: the material itself is unfit, it clashes with what is there, or it names nothing that is there. */
    public enum Kind {
        INVALID,
        CONFLICT,
        NOT_FOUND
    }

    private final Kind kind;
    private final String field;

    public KeyMaterialRefused(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    static KeyMaterialRefused invalid(String field, String message) {
        return new KeyMaterialRefused(Kind.INVALID, field, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault ({@code body}, {@code password}, {@code serial}). */
    public String field() {
        return field;
    }
}
