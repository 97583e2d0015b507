package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.cli.CliRun.run;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.cli.CliRun.Result;
import org.qaqpa.error.ErrorCode;

/**
 * {@code qaqpa send} against a real gateway: what works before the sync pipeline calls providers —
 * the gateway's signed fault is verified and printed — and the client's own errors.
 * The full echo round trip is {@link SendEchoRoundTripTest}.
 */
@ExtendWith(SharedGateway.class)
class SendCommandTest {

    @Test
    void printsTheGatewaysSignedFaultForAnUnknownService() {
        Result result = send("--service", "NO_SUCH_SERVICE");

        assertThat(result.exit()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).contains(ErrorCode.SERVICE_NOT_FOUND + ": ").contains("NO_SUCH_SERVICE");
        assertThat(result.out()).contains("signed by: " + SharedGateway.gateway().pki().gateway().certificate().getSubjectX500Principal());
        assertThat(result.err()).contains("QAQPA_MEMBER_PASSWORD is not set");
    }

    @Test
    void sendsAnEscapedStringPayloadTheGatewayAccepts(@TempDir Path dir) throws Exception {
        Path payload = dir.resolve("payload.txt");
        java.nio.file.Files.writeString(payload, "not xml < at all & more");

        Result result = send("--service", "NO_SUCH_SERVICE", "--payload", payload.toString(), "--message-id", "cli-0002");

        // schema-valid (MESSAGE_INVALID would come first) and routed: the service is what is refused
        assertThat(result.out()).as(result.err()).contains(ErrorCode.SERVICE_NOT_FOUND.name());
    }

    @Test
    void exitsThreeWhenTheGatewayCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Result result = run("send", "--service", "TEST_SERVICE_ID", "--data", SharedGateway.gateway().dataDir().toString(),
                "--endpoint", "http://127.0.0.1:" + closedPort + "/bip-sync/");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("cannot send to");
    }

    @Test
    void exitsThreeWithoutTheMemberKey(@TempDir Path dir) {
        Result result = run("send", "--service", "TEST_SERVICE_ID", "--data", dir.toString());

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("legal.p12");
    }

    @Test
    void exitsTwoOnAUsageError() {
        assertThat(run("send").exit()).isEqualTo(2);
    }


    /** {@code qaqpa send} to the shared gateway with its data directory. */
    static Result send(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "send";
        all[1] = "--data";
        all[2] = SharedGateway.gateway().dataDir().toString();
        all[3] = "--endpoint=" + SharedGateway.gateway().uri("/bip-sync/");
        System.arraycopy(args, 0, all, 4, args.length);
        return run(all);
    }

}
