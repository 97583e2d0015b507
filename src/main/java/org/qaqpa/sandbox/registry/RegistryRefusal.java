package org.qaqpa.sandbox.registry;

/**
 * A state registry's refusal of a request it cannot answer: its own {@code errorCode} (one of the
 * constants here, listed in docs/sandbox.md) and a message for the fault's {@code ErrorInfo}.
 */
public final class RegistryRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The payload is missing, not the registry's request element, or not valid against its schema. */
    public static final String REQUEST_INVALID = "REQUEST_INVALID";
    /** The IIN asked about is not twelve digits, or its control digit is wrong. */
    public static final String IIN_INVALID = "IIN_INVALID";
    /** The BIN asked about is not twelve digits, or its control digit is wrong. */
    public static final String BIN_INVALID = "BIN_INVALID";
    /** The IIN or BIN asked about is not twelve digits, or its control digit is wrong. */
    public static final String IIN_BIN_INVALID = "IIN_BIN_INVALID";

    private final String code;

    public RegistryRefusal(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The {@code errorCode} of the fault. */
    public String code() {
        return code;
    }
}
