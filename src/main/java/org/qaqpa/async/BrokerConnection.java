package org.qaqpa.async;

import jakarta.jms.ConnectionFactory;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The gateway's one connection to Artemis, embedded ({@code vm://}) or external ({@code tcp://}): the JMS
 * connection factory shared by the delivery routes and the {@link DeliveryQueue}, and an administrative
 * core session that creates the delivery queues and sets their address settings through the broker's
 * management address. Both modes take the same path, so an external broker needs no broker.xml entries
 * from us; the permissions its user needs are in docs/async.md ("Broker modes").
 */
public final class BrokerConnection implements AutoCloseable {

    /** Artemis' default management address; management requests are messages sent there. */
    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long MANAGEMENT_TIMEOUT_MILLIS = 10_000;

    private final String url;
    private final ActiveMQConnectionFactory artemis;
    private final CachingConnectionFactory connectionFactory;
    private final ClientSessionFactory adminFactory;
    private final ClientSession admin;
    /** One requestor (and so one temporary reply queue) for all management requests. */
    private final ClientRequestor management;

    private BrokerConnection(String url, ActiveMQConnectionFactory artemis, ClientSessionFactory adminFactory,
                             ClientSession admin) throws Exception {
        this.url = url;
        this.artemis = artemis;
        this.adminFactory = adminFactory;
        this.admin = admin;
        this.management = new ClientRequestor(admin, MANAGEMENT_ADDRESS);
        // One shared connection and cached sessions: without it every send opens a new core connection.
        this.connectionFactory = new CachingConnectionFactory(artemis);
        this.connectionFactory.setSessionCacheSize(16);
    }

    /**
     * Connects to the broker at {@code url}; a refused user or password, or a broker that does not answer,
     * is a {@link BrokerUnavailableException} with one line that says which.
     */
    public static BrokerConnection open(String url, Optional<String> user, Optional<String> password) {
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(url);
        user.ifPresent(artemis::setUser);
        password.ifPresent(artemis::setPassword);
        artemis.setBlockOnDurableSend(true);
        // No prefetch: a rolled-back session cancels every message sent to it, buffered ones included, and
        // each of those would then wait out the redelivery delay and lose one of its attempts unattempted.
        artemis.setConsumerWindowSize(0);
        // A broker that is not there fails the start at once instead of being retried without end. An HA URL
        // that sets these itself (reconnectAttempts=-1: fail over to the backup, docs/async.md "HA pair") keeps them.
        if (!hasParameter(url, "reconnectAttempts")) {
            artemis.setReconnectAttempts(0);
        }
        if (!hasParameter(url, "initialConnectAttempts")) {
            artemis.setInitialConnectAttempts(1);
        }
        ClientSessionFactory factory = null;
        try {
            factory = artemis.getServerLocator().createSessionFactory();
            ClientSession admin = factory.createSession(user.orElse(null), password.orElse(null), false, true, true, false, 0);
            admin.start();
            return new BrokerConnection(url, artemis, factory, admin);
        } catch (Exception e) {
            close(factory, artemis);
            throw BrokerUnavailableException.connecting(url, user, e);
        }
    }

    /** Whether the query of the Artemis URL {@code url} ({@code ?a=1&b=2}) names the parameter {@code name}. */
    static boolean hasParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String parameter : url.substring(query + 1).split("[&;]")) {
            if (parameter.split("=", 2)[0].strip().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void close(ClientSessionFactory factory, ActiveMQConnectionFactory artemis) {
        if (factory != null) {
            factory.close();
        }
        artemis.close();
    }

    /** The JMS connection factory shared by the routes and the {@link DeliveryQueue}. */
    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** The broker's address, for log lines and messages. */
    public String url() {
        return url;
    }

    /** Whether the administrative session still stands (the health check's view of the broker). */
    public boolean isConnected() {
        return !admin.isClosed();
    }

    /** Creates the durable anycast queue {@code name} (on the address of the same name) unless it exists. */
    synchronized void ensureQueue(String name) throws ActiveMQException {
        if (admin.queueQuery(SimpleString.of(name)).isExists()) {
            return;
        }
        admin.createQueue(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true)
                .setAutoCreateAddress(true));
    }

    /** Sets (or replaces) the address settings of {@code match}, through the management address. */
    synchronized void applySettings(String match, AddressSettings settings) throws Exception {
        ClientMessage request = admin.createMessage(false);
        ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "addAddressSettings", match,
                settings.toJSON());
        ClientMessage reply = management.request(request, MANAGEMENT_TIMEOUT_MILLIS);
        if (reply == null) {
            throw new IllegalStateException("the broker at " + url + " did not answer a management request in "
                    + MANAGEMENT_TIMEOUT_MILLIS + " ms");
        }
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("the broker at " + url + " refused the address settings of " + match + ": "
                    + ManagementHelper.getResult(reply));
        }
    }

    /** Closes the shared connection first: a connection still open when an embedded broker stops logs a disconnect. */
    @Override
    public void close() {
        connectionFactory.destroy();
        try {
            management.close();
            admin.close();
        } catch (Exception e) {
            // closing anyway
        }
        adminFactory.close();
        artemis.close();
    }
}
