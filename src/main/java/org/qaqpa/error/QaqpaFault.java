package org.qaqpa.error;

import java.util.Objects;

/**
 * A refusal with a catalogue code: thrown anywhere on the request path, written to the caller as
 * a SOAP fault whose detail is {@code ErrorInfo}. The message is shown to the caller, so it must
 * never contain internal details (class names, paths, stack frames).
 */
public class QaqpaFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public QaqpaFault(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code);
    }

    public QaqpaFault(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() {
        return code;
    }
}
