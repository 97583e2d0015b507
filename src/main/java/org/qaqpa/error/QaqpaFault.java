package org.qaqpa.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A refusal with a catalogue code: thrown anywhere on the request path, written to the caller as
 * a SOAP fault whose detail is {@code ErrorInfo}. The message is shown to the caller, so it must
 * never contain internal details (class names, paths, stack frames).
 */
public class QaqpaFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient SubError subError;

    public QaqpaFault(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code);
        this.subError = null;
    }

    /** A refusal that relays another system's error, written as {@code ErrorInfo/subError}. */
    public QaqpaFault(ErrorCode code, String message, SubError subError) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code);
        this.subError = Objects.requireNonNull(subError);
    }

    public QaqpaFault(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = Objects.requireNonNull(code);
        this.subError = null;
    }

    public ErrorCode code() {
        return code;
    }

    /** The relayed error of another system (a provider's {@code ErrorInfo}), if any. */
    public Optional<SubError> subError() {
        return Optional.ofNullable(subError);
    }
}
