package org.qaqpa.async;

import java.util.Optional;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;

/** The gateway cannot use its broker (not reachable, or its user refused); the message is one line for the operator. */
public final class BrokerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why logging in to the broker at {@code url} as {@code user} failed: refused, or not reachable. */
    static BrokerUnavailableException connecting(String url, Optional<String> user, Exception cause) {
        if (cause instanceof ActiveMQSecurityException) {
            return new BrokerUnavailableException("the Artemis broker at " + url + " refused user '" + user.orElse("")
                    + "' (wrong user or password, or no permission): " + cause.getMessage(), cause);
        }
        return new BrokerUnavailableException("cannot connect to the Artemis broker at " + url + ": " + cause.getMessage(), cause);
    }
}
