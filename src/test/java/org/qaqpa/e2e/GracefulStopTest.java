package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose body is still arriving when the stop begins is finished, not cut: Jetty would
 * lower the idle timeout of open connections to one second at a graceful stop (its default
 * shutdown idle timeout), and a client pausing longer mid-body got "not well-formed XML".
 */
class GracefulStopTest {

    @Test
    void finishesARequestWhoseBodyIsStillArrivingWhenTheStopBegins(@TempDir Path data) throws Exception {
        TestGateway gateway = TestGateway.start(data);
        byte[] body = TestGateway.sign(Envelopes.sendMessage("NO_SUCH_SERVICE", "hello"), gateway.pki().legalEntity())
                .getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        Thread stopper = new Thread(gateway::close, "stopper");
        try (Socket socket = new Socket("127.0.0.1", gateway.gateway().port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /bip-sync/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n"
                    + "SOAPAction: \"\"\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            // Deliberate pauses, longer than Jetty's one-second shutdown idle timeout: the request is
            // being read when the stop begins, and its body goes on arriving during the stop.
            Thread.sleep(1500);
            stopper.start();
            Thread.sleep(500);
            out.write(body, half, body.length - half);
            out.flush();

            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 500").contains("<errorCode>SERVICE_NOT_FOUND</errorCode>");
        } finally {
            stopper.join(30_000);
        }
    }
}
