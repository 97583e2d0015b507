package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.cli.QaqpaCommand;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.storage.Database;
import picocli.CommandLine;

/**
 * {@code qaqpa log verify} while the gateway runs: the gateway holds H2's file lock, so the tool
 * reaches the database through the gateway's local-only H2 TCP server.
 */
class LogCommandWhileRunningTest {

    @Test
    void verifiesTheLogOfARunningGatewayThroughItsLocalServer(@TempDir Path data) throws Exception {
        try (TestGateway gateway = TestGateway.start(data)) {
            assertThat(gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>")).status()).isEqualTo(200);

            try (Database served = Database.openExisting(GatewayConfig.defaults().database(), data)) {
                assertThat(served.url()).startsWith("jdbc:h2:tcp://127.0.0.1:");
            }
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new QaqpaCommand()).setOut(new PrintWriter(out));
            int exit = cli.execute("log", "verify", "--data", data.toString(), "--config",
                    TestGateway.projectDir().resolve("config").toString());

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("log ok: 2 rows");
        }
    }
}
