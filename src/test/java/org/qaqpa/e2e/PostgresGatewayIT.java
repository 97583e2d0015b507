package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.cli.CliRun;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.storage.PostgresServer;

/**
 * The gateway on PostgreSQL ({@code database.url: jdbc:postgresql://…}): Flyway migrates an empty database
 * with the migrations H2 gets, and the sync channel, the async channel, the message log's hash chain and
 * the replay guard work on it, over HTTP as for a member; old rows are archived while it writes.
 */
class PostgresGatewayIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static PostgresServer postgres;
    private static GatewayConfig.Database database;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.shared();
        database = postgres.database("gateway");
        GatewayConfig config = GatewayConfig.defaults().withDatabase(database)
                .withAsync(AsyncMessages.quickRetries(3, 2));
        gateway = TestGateway.start(config, dir.resolve("data"), postgres.environment());
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway);
    }

    @Test
    void migratesAnEmptyDatabaseWithTheSameMigrationsAsH2() throws Exception {
        long shipped;
        try (var files = Files.list(TestGateway.projectDir().resolve("src/main/resources/db/migration"))) {
            shipped = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(shipped).isPositive();
        }
    }

    @Test
    void relaysASignedSyncRequestThroughTheSandboxEcho() throws Exception {
        SoapResponse answer = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>pg-4711</ping>"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("pg-4711").contains("<ds:SignatureValue>");
        String sessionId = text(answer, "sessionId");
        assertThat(gateway.gateway().messageLogReader().exchange(sessionId)).extracting(LoggedRow::kind)
                .contains(LogEntry.Kind.REQUEST, LogEntry.Kind.RESPONSE);
    }

    @Test
    void deliversAnAcceptedAsyncMessage() throws Exception {
        SoapResponse accepted = gateway.postSigned("/bip-async/", AsyncMessages.sendMessage("REQUEST", null, ""));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        String messageId = text(accepted, "messageId");

        await().atMost(PATIENCE).until(() -> state(gateway, messageId).equals("DELIVERED"));
    }

    @Test
    void refusesADuplicateMessageId() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String request = Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>once</ping>", messageId, Envelopes.SENDER,
                Envelopes.PASSWORD);
        assertThat(gateway.postSigned("/bip-sync/", request).status()).isEqualTo(200);

        SoapResponse again = gateway.postSigned("/bip-sync/", request);
        assertThat(again.status()).isEqualTo(500);
        assertThat(again.errorCode()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE.name());
    }

    @Test
    void verifiesTheHashChainWithLogVerify() throws Exception {
        assertThat(gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>chain</ping>"))
                .status()).isEqualTo(200);

        CliRun.Result verified = CliRun.run("log", "verify", "--config", configDir(database, dir.resolve("config-verify")).toString(),
                "--data", dir.resolve("data").toString());
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).startsWith("log ok: ").doesNotContain("log ok: 0 rows");

        long first = firstPosition();
        String original = status(first);
        setStatus(first, "EDITED");
        try {
            CliRun.Result broken = CliRun.run("log", "verify", "--config", dir.resolve("config-verify").toString(),
                    "--data", dir.resolve("data").toString());
            assertThat(broken.exit()).as(broken.out() + broken.err()).isEqualTo(1);
            assertThat(broken.out()).contains("log BROKEN").contains("position " + first + ":");
        } finally {
            setStatus(first, original);
        }
    }

    @Test
    void archivesOldRowsWhileTheGatewayWrites() throws Exception {
        assertThat(gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>before</ping>"))
                .status()).isEqualTo(200);
        Path config = configDir(database, dir.resolve("config-archive"));
        Path archive = dir.resolve("archive");

        CliRun.Result archived = CliRun.run("log", "archive", "--before", Instant.now().plusSeconds(60).toString(),
                "--to", archive.toString(), "--config", config.toString());
        assertThat(archived.exit()).as(archived.out() + archived.err()).isZero();
        assertThat(archived.out()).contains("archived chain 'main' positions ");
        assertThat(gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>after</ping>"))
                .status()).as("the gateway goes on appending to the archived chain").isEqualTo(200);

        CliRun.Result verified = CliRun.run("log", "verify", "--archive", archive.toString(), "--config", config.toString());
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("archived rows, checked in " + archive);
    }

    private static long firstPosition() throws Exception {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MIN(chain_position) FROM message_log WHERE chain_id = 'main'")) {
            assertThat(r.next()).isTrue();
            return r.getLong(1);
        }
    }

    private static String status(long position) throws Exception {
        try (Connection c = postgres.connect(database);
             var select = c.prepareStatement("SELECT status FROM message_log WHERE chain_id = 'main' AND chain_position = ?")) {
            select.setLong(1, position);
            try (ResultSet r = select.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    private static void setStatus(long position, String status) throws Exception {
        try (Connection c = postgres.connect(database);
             var update = c.prepareStatement("UPDATE message_log SET status = ? WHERE chain_id = 'main' AND chain_position = ?")) {
            update.setString(1, status);
            update.setLong(2, position);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** A config directory whose qaqpa.yaml names {@code db}, as an operator's would for {@code qaqpa log}. */
    static Path configDir(GatewayConfig.Database db, Path configDir) throws Exception {
        Files.createDirectories(configDir);
        Files.writeString(configDir.resolve("qaqpa.yaml"), """
                database:
                  url: %s
                  user: %s
                  password-env: %s
                """.formatted(db.url().orElseThrow(), db.user(), db.passwordEnv().orElseThrow()));
        return configDir;
    }

    static String state(TestGateway node, String messageId) throws Exception {
        SoapResponse status = node.postSigned("/bip-async/", AsyncMessages.getMessageStatus(messageId, Envelopes.SENDER));
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return text(status, "messageState");
    }

    static String text(SoapResponse response, String localName) {
        var nodes = response.document().getElementsByTagName(localName);
        assertThat(nodes.getLength()).as(localName + " in " + response.body()).isEqualTo(1);
        return nodes.item(0).getTextContent();
    }
}
