package org.qaqpa.async;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * ActiveMQ Artemis inside the gateway process, with a persistent journal under the data directory,
 * an in-VM acceptor for the gateway and a password-guarded loopback one for operator tools
 * ({@link LocalBrokerAccess}; nothing listens beyond this machine). The gateway reaches it like an
 * external broker, through a {@link BrokerConnection} to {@link #inVmUrl()} with {@link #user()} and
 * {@link #password()}, and {@link DeliveryQueues} creates the queues and their address settings (the
 * retries) the same way in both modes.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** In-VM server ids must differ between brokers of one JVM (tests run several gateways). */
    private static final AtomicInteger NEXT_SERVER_ID = new AtomicInteger();

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    private final int serverId = NEXT_SERVER_ID.getAndIncrement();
    private final LocalBrokerAccess localAccess = LocalBrokerAccess.generate();

    /** Starts the broker with its journal, bindings, paging and large messages under {@code dir}. */
    public void start(Path dir) throws Exception {
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
        localAccess.configure(config);
        broker.setConfiguration(config);
        broker.setSecurityManager(localAccess.securityManager());
        broker.start();
        publishLocalAccess(base);
    }

    /** Tells operator tools where the loopback acceptor listens, now that it has its port. */
    private void publishLocalAccess(Path base) {
        var acceptor = (NettyAcceptor) broker.getActiveMQServer().getRemotingService().getAcceptor(LocalBrokerAccess.ACCEPTOR);
        localAccess.publish(base, acceptor.getActualPort());
    }

    /** The URL a client in this JVM connects with. */
    public String inVmUrl() {
        return "vm://" + serverId;
    }

    /** The user the gateway's own connection logs in with (new at every start). */
    public Optional<String> user() {
        return Optional.of(localAccess.user());
    }

    /** That user's password (new at every start, never logged). */
    public Optional<String> password() {
        return Optional.of(localAccess.password());
    }

    public boolean isActive() {
        var server = broker.getActiveMQServer();
        return server != null && server.isStarted() && server.isActive();
    }

    @Override
    public void close() throws Exception {
        localAccess.withdraw();
        broker.stop();
    }
}
