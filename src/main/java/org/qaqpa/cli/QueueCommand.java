package org.qaqpa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.qaqpa.async.BrokerAdminClient;
import org.qaqpa.async.BrokerLogin;
import org.qaqpa.async.BrokerUnavailableException;
import org.qaqpa.async.DeadLetterRedelivery;
import org.qaqpa.async.DeliveryQueue;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.async.DeliveryStatus;
import org.qaqpa.async.LocalBrokerAccess;
import org.qaqpa.async.MessageState;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.log.MessageLog;
import org.qaqpa.log.MessageLogReader;
import org.qaqpa.log.StoreMode;
import org.qaqpa.storage.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qaqpa queue}: the operator's view of the async channel. States come from the database (table
 * {@code async_message}, as {@code qaqpa log} reads it); queues and where a message waits come from the
 * broker: the running gateway's embedded one, reached through its loopback acceptor
 * ({@code DATA/broker/qaqpa.broker}), or the external one qaqpa.yaml names. Without the broker,
 * {@code list} and {@code show} still print what the database knows; {@code redeliver} needs it (so, with
 * the embedded broker, it needs the gateway).
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Look at the async queues and dead letters; redeliver a dead letter (docs/async.md).",
        subcommands = {QueueCommand.ListQueues.class, QueueCommand.Show.class, QueueCommand.Redeliver.class})
public final class QueueCommand implements Runnable {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = LogCommand.USAGE;
    static final int DATABASE_ERROR = LogCommand.DATABASE_ERROR;
    static final int GATEWAY_NOT_RUNNING = 4;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The gateway's broker, or empty (with the reason printed) when it cannot be reached: with
     * {@code async.broker: external} the broker qaqpa.yaml names, logged in to as the gateway does
     * ({@link BrokerLogin#external}), whether a gateway runs or not; else the running gateway's embedded
     * broker, through the loopback access it published in its data directory.
     */
    static Optional<BrokerAdminClient> broker(LogCommand.DatabaseOptions database, CommandSpec spec, PrintWriter err) {
        GatewayConfig.Async async = database.config.async();
        if (!async.externalBroker()) {
            return embeddedBroker(database.dataDir, err);
        }
        try {
            return Optional.of(BrokerAdminClient.connect(BrokerLogin.external(async, QaqpaCommand.environment(spec))));
        } catch (BrokerUnavailableException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<BrokerAdminClient> embeddedBroker(Path dataDir, PrintWriter err) {
        Path brokerDir = dataDir.resolve("broker");
        try {
            Optional<LocalBrokerAccess.Credentials> access = LocalBrokerAccess.read(brokerDir);
            if (access.isEmpty()) {
                err.println("no gateway is running with --data " + dataDir + " (no " + brokerDir.resolve(LocalBrokerAccess.FILE)
                        + "): the broker cannot be asked");
                return Optional.empty();
            }
            return Optional.of(BrokerAdminClient.connect(access.get()));
        } catch (IOException e) {
            err.println("cannot read " + brokerDir.resolve(LocalBrokerAccess.FILE) + ": " + e.getMessage());
        } catch (BrokerUnavailableException e) {
            err.println("the gateway's broker at " + brokerDir.resolve(LocalBrokerAccess.FILE) + " does not answer ("
                    + e.getMessage() + "); is the gateway running?");
        }
        return Optional.empty();
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** {@code qaqpa queue list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Print the async queues with their message counts (from the gateway's broker) and the",
                    "dead letters: messageId, sender, service, attempts, last error and since when (from the database)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:printed (without queue counts when the broker cannot be reached)", "2:bad configuration or usage",
                    "3:the database could not be read"})
    static final class ListQueues implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        LogCommand.DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Database db = database.open(err)) {
                List<DeliveryStatus> deadLetters;
                try {
                    deadLetters = new DeliveryStateStore(db.dataSource(), Clock.systemUTC()).inState(MessageState.DELIVERY_STOPPED);
                } catch (IllegalStateException e) {
                    return stateStoreFailed(e, database, db, err);
                }
                Optional<BrokerAdminClient> broker = broker(database, spec, err);
                if (broker.isPresent()) {
                    try (BrokerAdminClient admin = broker.get()) {
                        for (String queue : admin.asyncQueues()) {
                            out.println("queue " + queue + "  messages=" + admin.messageCount(queue));
                        }
                    }
                }
                out.println("dead letters: " + deadLetters.size());
                for (DeliveryStatus dead : deadLetters) {
                    out.println(String.join("  ", "messageId=" + dead.messageId(), "sender=" + dead.senderId(),
                            "service=" + dead.serviceId(), "attempts=" + dead.attempts(), "since=" + dead.stateAt(),
                            "lastError=" + dead.lastError().orElse("-")));
                }
                return OK;
            } catch (LogCommand.Failure f) {
                return f.exitCode;
            }
        }
    }

    /** {@code qaqpa queue show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print one async message: its state row, where the broker holds it (queue, delivery count)",
                    "and its rows in the message log (by its sessionId)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:printed (without the broker's part when it cannot be reached)",
                    "1:no such message, or its messageId is ambiguous (use --sender)", "2:bad configuration or usage",
                    "3:the database could not be read"})
    static final class Show implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        LogCommand.DatabaseOptions database;

        @Mixin
        MessageSelector message;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Database db = database.open(err)) {
                DeliveryStatus status;
                List<LoggedRow> rows;
                try {
                    status = DeadLetterRedelivery.find(new DeliveryStateStore(db.dataSource(), Clock.systemUTC()),
                            message.messageId, message.senderId);
                    rows = new MessageLogReader(db.dataSource()).exchange(status.sessionId());
                } catch (DeadLetterRedelivery.Refused refused) {
                    err.println(refused.getMessage());
                    return REFUSED;
                } catch (SQLException e) {
                    return database.report(e, db, err);
                } catch (IllegalStateException e) {
                    return stateStoreFailed(e, database, db, err);
                }
                out.println(String.join("  ", "messageId=" + status.messageId(), "sender=" + status.senderId(),
                        "service=" + status.serviceId(), "state=" + status.state(), "since=" + status.stateAt(),
                        "attempts=" + status.attempts(), "accepted=" + status.acceptedAt(),
                        "delivered=" + orDash(status.deliveredAt().orElse(null)),
                        "lastError=" + status.lastError().orElse("-"), "session=" + status.sessionId()));
                Optional<BrokerAdminClient> broker = broker(database, spec, err);
                if (broker.isPresent()) {
                    try (BrokerAdminClient admin = broker.get()) {
                        List<BrokerAdminClient.QueuedMessage> queued = admin.find(status.senderId(), status.messageId());
                        if (queued.isEmpty()) {
                            out.println("broker: in no queue (delivered, or not accepted)");
                        }
                        for (BrokerAdminClient.QueuedMessage message : queued) {
                            out.println("broker: queue=" + message.queue() + "  deliveryCount=" + message.deliveryCount()
                                    + message.originalAddress().map(from -> "  from=" + from).orElse(""));
                        }
                    }
                }
                out.println("log rows: " + rows.size());
                rows.forEach(row -> out.println(LogCommand.Show.line(row)));
                return OK;
            } catch (LogCommand.Failure f) {
                return f.exitCode;
            }
        }
    }

    /** {@code qaqpa queue redeliver}. */
    @Command(name = "redeliver", mixinStandardHelpOptions = true,
            description = {"Send a dead letter (DELIVERY_STOPPED, in " + DeliveryQueue.DEAD_LETTERS + ") back to the queue it",
                    "came from, with all its delivery attempts again: the broker moves it (retryMessage), its state",
                    "becomes ON_DELIVERY and the action is written to the message log. The broker must answer (the",
                    "embedded one runs inside the gateway: the gateway must be running)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:moved back for delivery",
                    "1:refused: no such message, ambiguous messageId, or not dead-lettered (e.g. DELIVERED)",
                    "2:bad configuration or usage", "3:the database could not be read",
                    "4:the broker cannot be reached (embedded: no gateway is running with this data directory)"})
    static final class Redeliver implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        LogCommand.DatabaseOptions database;

        @Mixin
        MessageSelector message;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Database db = database.open(err)) {
                DeliveryStateStore states = new DeliveryStateStore(db.dataSource(), Clock.systemUTC());
                try {
                    DeadLetterRedelivery.find(states, message.messageId, message.senderId);
                } catch (DeadLetterRedelivery.Refused refused) {
                    err.println(refused.getMessage());
                    return REFUSED;
                } catch (IllegalStateException e) {
                    return stateStoreFailed(e, database, db, err);
                }
                Optional<BrokerAdminClient> broker = broker(database, spec, err);
                if (broker.isEmpty()) {
                    err.println(database.config.async().externalBroker() ? "redeliver needs the broker: try again once it answers"
                            : "redeliver needs the running gateway: start it (qaqpa run --data " + database.dataDir
                            + ") and try again");
                    return GATEWAY_NOT_RUNNING;
                }
                MessageLog operatorLog = new MessageLog(db.dataSource(), DeadLetterRedelivery.LOG_CHAIN,
                        StoreMode.of(database.config.log().store()), Clock.systemUTC());
                try (BrokerAdminClient admin = broker.get()) {
                    DeadLetterRedelivery.Redelivered done = new DeadLetterRedelivery(states, admin, operatorLog)
                            .redeliver(message.messageId, message.senderId);
                    out.println("redelivered " + message.messageId + " (sender " + done.before().senderId() + ") to " + done.queue()
                            + "; state ON_DELIVERY; it was DELIVERY_STOPPED after " + done.before().attempts()
                            + " attempt(s)");
                    return OK;
                } catch (DeadLetterRedelivery.Refused refused) {
                    err.println(refused.getMessage());
                    return REFUSED;
                } finally {
                    operatorLog.close();
                }
            } catch (LogCommand.Failure f) {
                return f.exitCode;
            }
        }
    }

    /** The state store wraps its SQLException (it serves the routes too); the tools report it as qaqpa log does. */
    static int stateStoreFailed(IllegalStateException e, LogCommand.DatabaseOptions options, Database db, PrintWriter err) {
        if (e.getCause() instanceof SQLException sql) {
            return options.report(sql, db, err);
        }
        throw e;
    }

    /** Which async message a command is about: its messageId, and its sender when several senders used it. */
    static final class MessageSelector {

        @Parameters(index = "0", paramLabel = "MESSAGE_ID", description = "The messageId the sender was answered with.")
        String messageId;

        @Option(names = "--sender", paramLabel = "ID", description = "The sender, when several used this messageId.")
        Optional<String> senderId;
    }
}
