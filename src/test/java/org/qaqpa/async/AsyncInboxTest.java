package org.qaqpa.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.storage.Database;

/** {@link AsyncInbox#handOut}: the page is cut by count and by the bytes of the bodies, oldest first. */
class AsyncInboxTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final String RECIPIENT = "puller";
    private static final String SERVICE = "PULL_SERVICE";

    @TempDir
    Path data;

    private Database db;
    private AsyncInbox inbox;

    /** The database the test's data directory gets: the default H2 file here, PostgreSQL in the {@code *PostgresIT} subclass. */
    GatewayConfig.Database databaseOf(Path dataDir) throws Exception {
        return GatewayConfig.defaults().database();
    }

    @BeforeEach
    void open() throws Exception {
        db = Database.open(databaseOf(data), data);
        inbox = new AsyncInbox(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void cutsThePageAtTheByteBudget() {
        put("m1", 100, 1);
        put("m2", 100, 2);
        put("m3", 100, 3);

        assertThat(ids(handOut(10, 250))).containsExactly("m1", "m2");
        assertThat(ids(handOut(10, 250))).as("the rest on the next call").containsExactly("m3");
        assertThat(handOut(10, 250)).as("all leased").isEmpty();
    }

    @Test
    void handsOutTheOldestMessageEvenWhenItAloneExceedsTheBudget() {
        put("big", 1000, 1);
        put("small", 10, 2);

        List<InboxMessage> first = handOut(10, 50);
        assertThat(ids(first)).containsExactly("big");
        assertThat(first.get(0).body()).hasSize(1000);
        assertThat(ids(handOut(10, 50))).containsExactly("small");
    }

    @Test
    void theCountCapStillHolds() {
        put("m1", 10, 1);
        put("m2", 10, 2);

        assertThat(ids(handOut(1, Long.MAX_VALUE))).containsExactly("m1");
    }

    private void put(String messageId, int bytes, int secondsAfter) {
        inbox.put(new AcceptedMessage("dev-client", messageId, SERVICE, null, null, "REQUEST", "{s-" + messageId + "}"),
                RECIPIENT, Optional.of(NOW.minusSeconds(100).plusSeconds(secondsAfter)), new byte[bytes]);
    }

    private List<InboxMessage> handOut(int amount, long maxBytes) {
        return inbox.handOut(RECIPIENT, SERVICE, Optional.empty(), Optional.empty(), amount, maxBytes, LEASE);
    }

    private static List<String> ids(List<InboxMessage> messages) {
        return messages.stream().map(message -> message.message().messageId()).toList();
    }
}
