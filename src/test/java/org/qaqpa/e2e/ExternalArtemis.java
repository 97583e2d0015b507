package org.qaqpa.e2e;

import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.qaqpa.config.GatewayConfig;

/**
 * The operator's Artemis of {@code async.broker: external}, played by a second broker in the test's JVM: a TCP
 * acceptor on 127.0.0.1 at a free port, no persistence, security on with one user allowed everything. The
 * gateway and the tools read its login from the environment variables of qaqpa.yaml's defaults, which
 * {@link #environment()} supplies.
 */
final class ExternalArtemis implements AutoCloseable {

    static final String USER = "qaqpa-gateway";
    static final String PASSWORD = "broker-secret";
    private static final String USER_ENV = "QAQPA_BROKER_USER";
    private static final String PASSWORD_ENV = "QAQPA_BROKER_PASSWORD";

    private final EmbeddedActiveMQ broker;
    private final String url;

    private ExternalArtemis(EmbeddedActiveMQ broker, String url) {
        this.broker = broker;
        this.url = url;
    }

    static ExternalArtemis start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "tcp://127.0.0.1:" + port;
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(USER, PASSWORD);
        users.addRole(USER, "gateway");
        var config = new ConfigurationImpl()
                .setName("external-" + port)
                .setPersistenceEnabled(false)
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", url);
        config.putSecurityRoles("#", Set.of(new Role("gateway", true, true, true, true, true, true, true, true, true, true,
                true, true)));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                .setConfiguration(config)
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        broker.start();
        return new ExternalArtemis(broker, url);
    }

    String url() {
        return url;
    }

    ActiveMQServer server() {
        return broker.getActiveMQServer();
    }

    /** {@code async} using this broker, its login in {@value #USER_ENV} / {@value #PASSWORD_ENV}. */
    GatewayConfig.Async external(GatewayConfig.Async async) {
        return async.withExternalBroker(url, USER_ENV, PASSWORD_ENV);
    }

    /** An environment holding this broker's user and password. */
    Function<String, String> environment() {
        return environmentWithPassword(PASSWORD);
    }

    /** An environment holding this broker's user and {@code password}. */
    Function<String, String> environmentWithPassword(String password) {
        return Map.of(USER_ENV, USER, PASSWORD_ENV, password)::get;
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
