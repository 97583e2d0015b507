package org.qaqpa.async;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.qaqpa.config.GatewayConfig;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * ActiveMQ Artemis inside the gateway process, with a persistent journal under the data directory,
 * an in-VM acceptor for the gateway and a password-guarded loopback one for operator tools
 * ({@link LocalBrokerAccess}; nothing listens beyond this machine). It owns the async retries: the address
 * settings of the delivery queue say how often and how late a rolled-back delivery comes again and
 * where it goes after the last attempt; the routes add no retry of their own.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** In-VM server ids must differ between brokers of one JVM (tests run several gateways). */
    private static final AtomicInteger NEXT_SERVER_ID = new AtomicInteger();
    /** A dead letter that cannot be recorded (database down) is tried again this often, without end. */
    private static final long DEAD_LETTER_RETRY_MILLIS = 5_000;

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    private final int serverId = NEXT_SERVER_ID.getAndIncrement();
    private final LocalBrokerAccess localAccess = LocalBrokerAccess.generate();
    private CachingConnectionFactory connectionFactory;

    /** Starts the broker with its journal, bindings, paging and large messages under {@code dir}. */
    public void start(Path dir, GatewayConfig.Async async) throws Exception {
        Path base = dir.toAbsolutePath();
        Configuration config = new ConfigurationImpl()
                .setName("qaqpa-" + serverId)
                .setPersistenceEnabled(true)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                // The sender is answered once its message is on disk: a durable send returns only after
                // the journal synced it (these are Artemis' defaults, stated because the guarantee rests on them).
                .setJournalSyncNonTransactional(true)
                .setJournalSyncTransactional(true)
                .setJournalDatasync(true)
                // The duplicate-id cache survives restarts, so a messageId sent again after a crash is still caught.
                .setPersistIDCache(true)
                .setJournalDirectory(base.resolve("journal").toString())
                .setBindingsDirectory(base.resolve("bindings").toString())
                .setPagingDirectory(base.resolve("paging").toString())
                .setLargeMessagesDirectory(base.resolve("large-messages").toString())
                .addAcceptorConfiguration("in-vm", inVmUrl());
        config.addQueueConfiguration(durableQueue(DeliveryQueue.DELIVERY));
        config.addQueueConfiguration(durableQueue(DeliveryQueue.DEAD_LETTERS));
        // Delivery: a failed attempt is rolled back and comes again after a growing delay (never a tight
        // loop against a recipient that is down); after the last attempt it moves to the dead-letter queue.
        config.addAddressSetting(DeliveryQueue.DELIVERY, new AddressSettings()
                .setMaxDeliveryAttempts(async.maxDeliveryAttempts())
                .setRedeliveryDelay(async.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(async.redeliveryMultiplier())
                .setMaxRedeliveryDelay(async.maxRedeliveryDelay().toMillis())
                .setDeadLetterAddress(SimpleString.of(DeliveryQueue.DEAD_LETTERS)));
        // Status notifications to senders: retried by the same rules; after the last attempt they are kept
        // in their own dead-letter queue (not among the messages an operator redelivers).
        config.addQueueConfiguration(durableQueue(DeliveryQueue.NOTIFY));
        config.addQueueConfiguration(durableQueue(DeliveryQueue.NOTIFY_DEAD_LETTERS));
        config.addAddressSetting(DeliveryQueue.NOTIFY, new AddressSettings()
                .setMaxDeliveryAttempts(async.maxDeliveryAttempts())
                .setRedeliveryDelay(async.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(async.redeliveryMultiplier())
                .setMaxRedeliveryDelay(async.maxRedeliveryDelay().toMillis())
                .setDeadLetterAddress(SimpleString.of(DeliveryQueue.NOTIFY_DEAD_LETTERS)));
        // Dead letters only record DELIVERY_STOPPED; they stay until an operator redelivers them.
        config.addAddressSetting(DeliveryQueue.DEAD_LETTERS, new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(DEAD_LETTER_RETRY_MILLIS));
        localAccess.configure(config);
        broker.setConfiguration(config);
        broker.setSecurityManager(localAccess.securityManager());
        broker.start();
        publishLocalAccess(base);
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(inVmUrl(), localAccess.user(), localAccess.password());
        artemis.setBlockOnDurableSend(true);
        // No prefetch: a rolled-back session cancels every message sent to it, buffered ones included, and
        // each of those would then wait out the redelivery delay and lose one of its attempts unattempted.
        artemis.setConsumerWindowSize(0);
        // One shared connection and cached sessions: without it every send opens a new core connection.
        connectionFactory = new CachingConnectionFactory(artemis);
        connectionFactory.setSessionCacheSize(16);
    }

    /** Tells operator tools where the loopback acceptor listens, now that it has its port. */
    private void publishLocalAccess(Path base) {
        var acceptor = (NettyAcceptor) broker.getActiveMQServer().getRemotingService().getAcceptor(LocalBrokerAccess.ACCEPTOR);
        localAccess.publish(base, acceptor.getActualPort());
    }

    private static QueueConfiguration durableQueue(String name) {
        return QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true);
    }

    /** The URL a client in this JVM connects with. */
    public String inVmUrl() {
        return "vm://" + serverId;
    }

    /** The JMS connection factory of the in-VM broker, shared by the routes and the {@link DeliveryQueue}. */
    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    public boolean isActive() {
        var server = broker.getActiveMQServer();
        return server != null && server.isStarted() && server.isActive();
    }

    /** Closes the shared connection first: a connection still open when the broker stops logs a disconnect. */
    @Override
    public void close() throws Exception {
        if (connectionFactory != null) {
            connectionFactory.destroy();
        }
        localAccess.withdraw();
        broker.stop();
    }
}
