package org.qaqpa.async;

/** The gateway cannot use its broker (not reachable, or its user refused); the message is one line for the operator. */
public final class BrokerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
