package org.qaqpa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.storage.Database;

/** {@link ReplayGuard} and {@link ReplayGuardProcessor} on the gateway's own H2 file database. */
class ReplayGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");
    static final Duration WINDOW = Duration.ofHours(24);
    static final Duration SKEW = Duration.ofMinutes(5);
    private static final String SESSION = "{8c3f5bf7-069f-4c69-9974-9a019a0d575f}";

    @TempDir
    Path data;

    private final MovableClock clock = new MovableClock(NOW);
    private Database db;
    private ReplayGuard guard;

    /** The database the test's data directory gets: the default H2 file here, PostgreSQL in the {@code *PostgresIT} subclass. */
    GatewayConfig.Database databaseOf(Path dataDir) throws Exception {
        return GatewayConfig.defaults().database();
    }

    @BeforeEach
    void openDatabase() throws Exception {
        db = Database.open(databaseOf(data), data);
        guard = newGuard(db, clock);
    }

    @AfterEach
    void closeDatabase() throws Exception {
        guard.close();
        closeWrites();
        db.close();
    }

    /** The guard under test; with a connection and a commit per check here, through a group commit in a subclass. */
    ReplayGuard newGuard(Database database, Clock guardClock) {
        return new ReplayGuard(database.dataSource(), WINDOW, SKEW, guardClock);
    }

    /** Stops what {@link #newGuard} started besides the guard. */
    void closeWrites() throws Exception {
    }

    @Test
    void acceptsNewMessageId() {
        assertThatCode(() -> guard.accept("dev-client", "m-1", NOW, SESSION)).doesNotThrowAnyException();
    }

    @Test
    void refusesReusedMessageId() {
        guard.accept("dev-client", "m-1", NOW, SESSION);
        clock.advance(Duration.ofMinutes(1));

        QaqpaFault fault = refusal(() -> guard.accept("dev-client", "m-1", NOW.plusSeconds(60), "{another}"));

        assertThat(fault.code()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE);
        assertThat(fault.getMessage()).isEqualTo("The messageId 'm-1' of sender 'dev-client' was already accepted at"
                + " 2026-11-23T05:00:00Z (sessionId " + SESSION + "); a new message needs a new messageId.");
    }

    @Test
    void refusesReusedMessageIdAfterRestart() throws Exception {
        guard.accept("dev-client", "m-1", NOW, SESSION);
        guard.close();
        closeWrites();
        db.close();

        db = Database.open(databaseOf(data), data);
        guard = newGuard(db, clock);

        assertThat(refusal(() -> guard.accept("dev-client", "m-1", NOW, SESSION)).code())
                .isEqualTo(ErrorCode.DUPLICATE_MESSAGE);
    }

    @Test
    void acceptsSameMessageIdFromTwoSenders() {
        guard.accept("dev-client", "m-1", NOW, SESSION);

        assertThatCode(() -> guard.accept("tax-office", "m-1", NOW, SESSION)).doesNotThrowAnyException();
    }

    @Test
    void acceptsMessageDateExactlyAtTheFutureSkew() {
        assertThatCode(() -> guard.accept("dev-client", "m-1", NOW.plus(SKEW), SESSION)).doesNotThrowAnyException();
    }

    @Test
    void refusesMessageDateBeyondTheFutureSkew() {
        QaqpaFault fault = refusal(() -> guard.accept("dev-client", "m-1", NOW.plus(SKEW).plusMillis(1), SESSION));

        assertThat(fault.code()).isEqualTo(ErrorCode.MESSAGE_DATE_SKEW);
        assertThat(fault.getMessage()).isEqualTo("The messageDate 2026-11-23T05:05:00.001Z is more than 5m ahead of"
                + " the gateway's clock (2026-11-23T05:00:00Z); the latest accepted is 2026-11-23T05:05:00Z.");
    }

    @Test
    void acceptsMessageDateExactlyAtTheWindow() {
        assertThatCode(() -> guard.accept("dev-client", "m-1", NOW.minus(WINDOW), SESSION)).doesNotThrowAnyException();
    }

    @Test
    void refusesMessageDateOlderThanTheWindow() {
        QaqpaFault fault = refusal(() -> guard.accept("dev-client", "m-1", NOW.minus(WINDOW).minusMillis(1), SESSION));

        assertThat(fault.code()).isEqualTo(ErrorCode.MESSAGE_DATE_SKEW);
        assertThat(fault.getMessage()).isEqualTo("The messageDate 2026-11-22T04:59:59.999Z is more than 1d behind"
                + " the gateway's clock (2026-11-23T05:00:00Z); the oldest accepted is 2026-11-22T05:00:00Z.");
    }

    @Test
    void refusesReplayOfAnOldMessageByItsDateOnceTheWindowHasPassed() throws SQLException {
        guard.accept("dev-client", "m-1", NOW, SESSION);
        clock.advance(WINDOW.plusSeconds(1));
        guard.purgeExpired();

        assertThat(refusal(() -> guard.accept("dev-client", "m-1", NOW, SESSION)).code())
                .isEqualTo(ErrorCode.MESSAGE_DATE_SKEW);
    }

    @Test
    void acceptsMessageIdAgainWithANewDateAfterTheWindowPasses() {
        guard.accept("dev-client", "m-1", NOW, SESSION);
        clock.advance(WINDOW.plusSeconds(1));

        // Not purged yet: the expired row is taken over, so the answer does not depend on the purge schedule.
        assertThatCode(() -> guard.accept("dev-client", "m-1", clock.instant(), "{second}")).doesNotThrowAnyException();
        assertThat(refusal(() -> guard.accept("dev-client", "m-1", clock.instant(), "{third}")).getMessage())
                .contains("{second}");
    }

    @Test
    void purgeRemovesOnlyRowsOlderThanTheWindow() throws SQLException {
        guard.accept("dev-client", "old", NOW.minus(Duration.ofHours(2)), SESSION);
        guard.accept("dev-client", "older", NOW.minus(Duration.ofHours(3)), SESSION);
        guard.accept("dev-client", "new", NOW.plus(Duration.ofMinutes(4)), SESSION);
        clock.advance(WINDOW.minus(Duration.ofMinutes(150)));
        assertThat(guard.purgeExpired()).isEqualTo(1);
        assertThat(seenMessageIds()).containsExactlyInAnyOrder("old", "new");

        clock.advance(Duration.ofHours(1));
        assertThat(guard.purgeExpired()).isEqualTo(1);
        assertThat(seenMessageIds()).containsExactly("new");
    }

    @Test
    void purgesMoreRowsThanOneChunk() throws SQLException {
        for (int i = 0; i < ReplayGuard.PURGE_CHUNK + 5; i++) {
            guard.accept("dev-client", "m-" + i, NOW, SESSION);
        }
        guard.accept("dev-client", "kept", NOW.plus(SKEW), SESSION);
        clock.advance(WINDOW.plusSeconds(1));

        assertThat(guard.purgeExpired()).isEqualTo(ReplayGuard.PURGE_CHUNK + 5);
        assertThat(seenMessageIds()).containsExactly("kept");
    }

    @Test
    void acceptsDistinctMessageIdsFrom200ConcurrentSenders() throws Exception {
        List<Callable<Boolean>> senders = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            String sender = "sender-" + s;
            senders.add(() -> {
                // 10 each: with a commit per check (tools' SqlWrites), 200 threads share the pool's 10 connections
                for (int m = 0; m < 10; m++) {
                    guard.accept(sender, "m-" + m, NOW, SESSION);
                }
                return true;
            });
        }

        assertThat(runTogether(senders)).hasSize(200).containsOnly(true);
        assertThat(seenMessageIds()).hasSize(200 * 10);
    }

    @Test
    void acceptsOneOfFiftyConcurrentCopies() throws Exception {
        List<Callable<Boolean>> copies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String session = "{copy-" + i + "}";
            copies.add(() -> {
                try {
                    guard.accept("dev-client", "m-1", NOW, session);
                    return true;
                } catch (QaqpaFault e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE);
                    return false;
                }
            });
        }

        List<Boolean> accepted = runTogether(copies);

        assertThat(accepted.stream().filter(Boolean::booleanValue)).hasSize(1);
        assertThat(accepted).hasSize(50);
    }

    @Test
    void processorChecksTheRequestHeaders() throws Exception {
        ReplayGuardProcessor processor = new ReplayGuardProcessor(guard);
        processor.process(exchange("dev-client", "m-1", NOW));

        QaqpaFault fault = refusal(() -> processor.process(exchange("dev-client", "m-1", NOW)));

        assertThat(fault.code()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE);
    }

    @Test
    void processorRefusesRequestWithoutMessageDate() {
        ReplayGuardProcessor processor = new ReplayGuardProcessor(new ReplayGuard(db.dataSource(), WINDOW, SKEW, clock));

        QaqpaFault fault = refusal(() -> processor.process(exchange("dev-client", "m-1", null)));

        assertThat(fault.code()).isEqualTo(ErrorCode.MESSAGE_INVALID);
        assertThat(fault.getMessage()).isEqualTo("The request has no messageDate.");
    }

    private static Exchange exchange(String sender, String messageId, Instant messageDate) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(Headers.SENDER_ID, sender);
        exchange.getIn().setHeader(Headers.MESSAGE_ID, messageId);
        exchange.getIn().setHeader(Headers.MESSAGE_DATE, messageDate);
        exchange.getIn().setHeader(Headers.SESSION_ID, SESSION);
        return exchange;
    }

    /** Starts every task at once (a latch holds them until all threads are ready) and returns their results. */
    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch ready = new CountDownLatch(tasks.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private List<String> seenMessageIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT message_id FROM seen_message");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private interface Action {
        void run() throws Exception;
    }

    private static QaqpaFault refusal(Action action) {
        QaqpaFault fault = catchThrowableOfType(QaqpaFault.class, action::run);
        assertThat(fault).as("a refusal").isNotNull();
        return fault;
    }

    /** A clock the test moves forward, for the window to pass without waiting. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
