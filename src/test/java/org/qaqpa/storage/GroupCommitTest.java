package org.qaqpa.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;

/** {@link GroupCommit} on the gateway's own H2 file database, with a scratch table. */
class GroupCommitTest {

    @TempDir
    Path data;

    private Database db;
    private GroupCommit writes;
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    /** The database the test's data directory gets: the default H2 file here, PostgreSQL in the {@code *PostgresIT} subclass. */
    GatewayConfig.Database databaseOf(Path dataDir) throws Exception {
        return GatewayConfig.defaults().database();
    }

    @BeforeEach
    void open() throws Exception {
        db = Database.open(databaseOf(data), data);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE scratch (id VARCHAR(20) PRIMARY KEY)");
        }
        writes = new GroupCommit(db.dataSource(), "test-db-writes");
    }

    @AfterEach
    void close() throws InterruptedException {
        callers.shutdownNow();
        writes.close();
        db.close();
    }

    @Test
    void returnsTheResultOnceCommitted() throws SQLException {
        int inserted = writes.write(c -> insert(c, "a"));

        assertThat(inserted).isEqualTo(1);
        assertThat(ids()).containsExactly("a");
    }

    @Test
    void commitsTwoHundredConcurrentWrites() throws Exception {
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "w" + i;
            done.add(callers.submit(() -> writes.write(c -> insert(c, id))));
        }
        for (Future<Integer> each : done) {
            assertThat(each.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(ids()).hasSize(200);
    }

    @Test
    void aFailedWriteIsUndoneAloneInItsBatch() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        // The first write holds the writer thread until the others are queued, so they share the next batch.
        Future<Integer> first = callers.submit(() -> writes.write(c -> {
            running.countDown();
            awaitQuietly(queued);
            return insert(c, "first");
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        // Each waits until the one before is queued: the batch runs them in this order, so "good" wins.
        Future<Integer> good = callers.submit(() -> writes.write(c -> insert(c, "good")));
        waitUntilQueued(1);
        Future<Integer> failing = callers.submit(() -> writes.write(c -> {
            insert(c, "undone");
            throw new IllegalArgumentException("refused after its insert");
        }));
        waitUntilQueued(2);
        Future<Integer> duplicate = callers.submit(() -> writes.write(c -> insert(c, "good")));
        waitUntilQueued(3);
        queued.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(causeOf(failing)).isInstanceOf(IllegalArgumentException.class).hasMessage("refused after its insert");
        assertThat(causeOf(duplicate)).isInstanceOf(SQLException.class);
        assertThat(((SQLException) causeOf(duplicate)).getSQLState()).isEqualTo("23505");
        assertThat(ids()).containsExactlyInAnyOrder("first", "good");
    }

    @Test
    void aFailedCommitFailsTheWholeBatchAndTheWriterGoesOn() throws Exception {
        SQLException failure = catchThrowableOfType(SQLException.class, () -> writes.write(c -> {
            insert(c, "lost");
            // Ends the transaction under the writer: its commit cannot succeed.
            c.close();
            return 1;
        }));

        // An SQLException is Iterable: cast, or AssertJ would take it for a list.
        assertThat((Throwable) failure).isNotNull();
        int after = writes.write(c -> insert(c, "after"));
        assertThat(after).isEqualTo(1);
        assertThat(ids()).containsExactly("after");
    }

    @Test
    void refusesWritesOnceClosed() throws Exception {
        writes.write(c -> insert(c, "before"));
        writes.close();

        assertThatThrownBy(() -> writes.write(c -> insert(c, "after")))
                .isInstanceOf(IllegalStateException.class).hasMessage("the database writer is closed");
        assertThat(ids()).containsExactly("before");
    }

    @Test
    void directWritesRollBackAFailedWrite() throws SQLException {
        SqlWrites direct = SqlWrites.direct(db.dataSource());

        assertThatThrownBy(() -> direct.write(c -> {
            insert(c, "undone");
            throw new IllegalArgumentException("refused");
        })).hasMessage("refused");
        direct.write(c -> insert(c, "kept"));

        assertThat(ids()).containsExactly("kept");
    }

    private void waitUntilQueued(int expected) throws InterruptedException {
        // The writer is busy with the first write; the others wait in its queue.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writes.queued() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writes.queued()).isEqualTo(expected);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable causeOf(Future<?> future) throws InterruptedException {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no outcome within 10 s", e);
        }
    }

    private static int insert(Connection c, String id) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO scratch (id) VALUES (?)")) {
            insert.setString(1, id);
            return insert.executeUpdate();
        }
    }

    private List<String> ids() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM scratch ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
