package org.qaqpa.async;

import java.util.Optional;
import java.util.function.Function;
import org.qaqpa.config.GatewayConfig;

/**
 * Where an Artemis broker listens and as whom to log in there.
 *
 * @param user     the user to present; empty for none
 * @param password the password to present; empty for none
 */
public record BrokerLogin(String url, Optional<String> user, Optional<String> password) {

    /**
     * The external broker of {@code async.broker: external}: {@code async.broker-url}, as the user and password
     * in the environment variables {@code async.broker-user-env} / {@code async.broker-password-env} name —
     * never in the yaml. A variable that is not set presents none (a broker without security accepts that;
     * one with security refuses it, and says so). The gateway and the operator tools ({@code qaqpa queue})
     * both log in by this one rule, so a tool reaches the broker exactly when the gateway does.
     */
    public static BrokerLogin external(GatewayConfig.Async async, Function<String, String> environment) {
        String url = async.brokerUrl().orElseThrow(() -> new IllegalStateException("async.broker-url is not set"));
        return new BrokerLogin(url, Optional.ofNullable(environment.apply(async.brokerUserEnv())),
                Optional.ofNullable(environment.apply(async.brokerPasswordEnv())));
    }

    @Override
    public String toString() {
        return "BrokerLogin[url=" + url + ", user=" + user.orElse("") + ", password=(hidden)]";
    }
}
