package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.AsyncMessages;
import org.qaqpa.e2e.Envelopes;
import org.qaqpa.sandbox.SandboxProviders;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.storage.Database;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlBytes;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;

/**
 * The large-payload scenario of [8/10]: {@code qaqpa run} in its own JVM with {@code -Xmx256m} (and
 * {@code -XX:+ExitOnOutOfMemoryError}, so running out of heap anywhere fails the test) takes sync
 * {@code SendMessage}s to the sandbox echo (in the gateway's JVM, so its copies count too) whose {@code data}
 * is 10 MiB, signed by the development member; three in a row, each answered 200 with the same data (by
 * SHA-256), signed by the gateway, its exact request bytes in the message log, and the heap left after a
 * full GC not growing from one to the next. Then one async {@code sendMessage} of 10 MiB, accepted, persisted
 * and PUSHed to the sandbox recipient. The config admits the request with {@code server.max-request-size: 16MiB}
 * (docs/configuration.md); the figures printed go to docs/benchmarks.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LargeSignedRequestProcessTest {

    /** Characters of {@code data}: base64 text, as SHEP clients send files. */
    private static final int PAYLOAD_CHARS = 10 * 1024 * 1024;
    private static final String MAX_REQUEST_SIZE = "16MiB";
    private static final String MAX_HEAP = "-Xmx256m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    /**
     * A leak of one request's worth per request would add 20 MiB from the first to the third; the live heap may
     * move by less (caches that fill: H2's page cache, CXF's and the JIT's).
     */
    private static final long LIVE_HEAP_GROWTH_MAX = 10L * 1024 * 1024;
    private static final Pattern SANDBOX = Pattern.compile("sandbox systems at (http://127\\.0\\.0\\.1:\\d+)");
    /** Answers are parsed with the gateway's parser and a limit above their size. */
    private static final XmlLimits ANSWER_LIMITS = new XmlLimits(64L * 1024 * 1024, 100, 500, 64 * 1024, 50_000, 200_000);

    @TempDir
    static Path tmp;

    private static final RunCommandProcessTest.Children CHILDREN = new RunCommandProcessTest.Children();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> REPORT = new ArrayList<>();

    private static RunCommandProcessTest.Child gateway;
    private static Path config;
    private static Path data;
    private static GcLog gcLog;
    private static IssuedCertificate member;
    private static X509Certificate gatewayCertificate;
    private static String payload;
    private static String payloadSha256;

    /** The child's output goes to the test output when a method fails. */
    @RegisterExtension
    static final TestWatcher PRINT_CHILD_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            CHILDREN.testFailed(context, cause);
        }
    };

    @BeforeAll
    static void startGatewayWithSmallHeap() throws Exception {
        config = Files.createDirectories(tmp.resolve("config"));
        data = tmp.resolve("data");
        // The working directory is the project: config/members.yaml, config/services.yaml and routes/ are the shipped ones.
        Files.writeString(config.resolve("qaqpa.yaml"), "server:\n  max-request-size: " + MAX_REQUEST_SIZE + "\n");
        gcLog = new GcLog(tmp.resolve("gc.log"));
        gateway = CHILDREN.start(List.of(MAX_HEAP, "-XX:-HeapDumpOnOutOfMemoryError", "-XX:+ExitOnOutOfMemoryError",
                        "-Xlog:gc:file=" + gcLog.file()),
                "run", "--config", config.toString(), "--data", data.toString(), "--port", "0").awaitStarted(START_TIMEOUT);
        member = IssuedCertificate.readPkcs12(data.resolve("pki/legal.p12"), DevPki.DEVELOPMENT_PASSWORD.toCharArray());
        gatewayCertificate = IssuedCertificate.readPkcs12(data.resolve("pki/gateway.p12"),
                DevPki.DEVELOPMENT_PASSWORD.toCharArray()).certificate();
        byte[] random = new byte[PAYLOAD_CHARS / 4 * 3];
        new Random(10).nextBytes(random);
        payload = Base64.getEncoder().encodeToString(random);
        payloadSha256 = sha256(payload.getBytes(StandardCharsets.US_ASCII));
    }

    @AfterAll
    static void stopGatewayAndReport() throws InterruptedException {
        if (gateway != null) {
            gateway.stop();
        }
        payload = null; // the test JVM runs other classes after this one
        REPORT.forEach(line -> System.out.println("LargeSignedRequestProcessTest: " + line));
    }

    @Test
    @Order(1)
    @Timeout(600)
    void echoesTenMebibytesOfSignedDataThreeTimesInARowUnder256MegabytesOfHeap() throws Exception {
        long[] liveAfter = new long[3];
        for (int i = 0; i < 3; i++) {
            String messageId = "large-" + (i + 1) + "-" + UUID.randomUUID();
            byte[] request = signedWithLargeData(Envelopes.sendMessage("TEST_SERVICE_ID", "", messageId, Envelopes.SENDER,
                    Envelopes.PASSWORD));
            String requestSha256 = sha256(request);
            int gcLinesBefore = gcLog.lines().size();

            long t0 = System.nanoTime();
            Answer answer = post("/bip-sync/", request);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            request = null; // only its hash is needed from here on

            assertThat(answer.status()).as(answer.fault()).isEqualTo(200);
            assertThat(signer(answer.envelope())).isEqualTo(gatewayCertificate);
            Element response = SyncMessages.child(SyncMessages.bodyContent(answer.envelope()), "response");
            assertThat(SyncMessages.text(response, "responseInfo", "correlationId")).isEqualTo(messageId);
            assertThat(SyncMessages.text(response, "responseInfo", "status", "code")).isEqualTo("Success");
            assertThat(textSha256(SyncMessages.child(SyncMessages.child(response, "responseData"), "data")))
                    .as("the echoed data").isEqualTo(payloadSha256);
            String sessionId = SyncMessages.text(response, "responseInfo", "sessionId");
            assertThat(loggedRows(sessionId)).as("message log rows of " + sessionId)
                    .containsExactly("REQUEST ACCEPTED " + requestSha256 + " " + requestSha256, "RESPONSE ANSWERED");

            GcLog.Span span = gcLog.fullGcAfter(gateway.process.pid(), gcLinesBefore);
            liveAfter[i] = span.liveBytes();
            REPORT.add(String.format("sync request %d: %d bytes, HTTP %d in %d ms; %s", i + 1, answer.requestBytes(),
                    answer.status(), millis, span));
        }
        assertThat(liveAfter[2] - liveAfter[0]).as("live heap growth from the first request to the third")
                .isLessThan(LIVE_HEAP_GROWTH_MAX);

        CliRun.Result verified = CliRun.run("log", "verify", "--data", data.toString(), "--config", config.toString());
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("log ok: ");
    }

    @Test
    @Order(2)
    @Timeout(600)
    void acceptsAndPushesATenMebibyteAsyncMessage() throws Exception {
        byte[] request = signedWithLargeData(AsyncMessages.sendMessage("REQUEST", null, ""));
        String requestSha256 = sha256(request);
        int gcLinesBefore = gcLog.lines().size();

        long t0 = System.nanoTime();
        Answer answer = post("/bip-async/", request);
        long acceptMillis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(answer.status()).as(answer.fault()).isEqualTo(200);
        assertThat(signer(answer.envelope())).isEqualTo(gatewayCertificate);
        String messageId = SyncMessages.text(SyncMessages.bodyContent(answer.envelope()), "response", "messageId");
        assertThat(messageId).isNotBlank();
        URI receiver = URI.create(gateway.matching(SANDBOX).orElseThrow().group(1) + SandboxProviders.ASYNC_RECEIVER_PATH
                + "?messageId=" + messageId);
        await().atMost(REQUEST_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> HTTP.send(
                HttpRequest.newBuilder(receiver).build(), HttpResponse.BodyHandlers.ofString()).body().endsWith("taken=true"));
        await().atMost(REQUEST_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> loggedRowsOfMessage(messageId), rows -> rows.contains("RESPONSE DELIVERED"));
        long deliveredMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(loggedRowsOfMessage(messageId)).contains("REQUEST ACCEPTED " + requestSha256 + " " + requestSha256);

        GcLog.Span span = gcLog.fullGcAfter(gateway.process.pid(), gcLinesBefore);
        REPORT.add(String.format("async message: %d bytes, accepted (HTTP %d) in %d ms, delivered after %d ms; %s",
                answer.requestBytes(), answer.status(), acceptMillis, deliveredMillis, span));
    }

    /** {@code envelope} with 10 MiB of base64 text as its {@code data}, transport-signed by the development member. */
    private static byte[] signedWithLargeData(String envelope) {
        Document document = new SecureDocuments(XmlLimits.defaults()).parse(new ByteArrayInputStream(Envelopes.bytes(envelope)));
        Element data = (Element) document.getElementsByTagNameNS(null, "data").item(0);
        data.setTextContent(payload);
        new XmlSigner(member.privateKey(), member.certificate()).signTransport(document, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
        return XmlBytes.of(document);
    }

    private record Answer(int status, int requestBytes, Document envelope) {

        /** The fault's {@code errorCode: errorMessage}, for the failure message. */
        String fault() {
            var codes = envelope.getElementsByTagNameNS(null, "errorCode");
            var messages = envelope.getElementsByTagNameNS(null, "errorMessage");
            return codes.getLength() == 0 ? "no fault" : codes.item(0).getTextContent() + ": "
                    + (messages.getLength() == 0 ? "" : messages.item(0).getTextContent());
        }
    }

    /** POSTs the request; the answer is parsed as it arrives, not held as bytes beside its DOM. */
    private static Answer post(String path, byte[] request) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            return new Answer(response.statusCode(), request.length, new SecureDocuments(ANSWER_LIMITS).parse(body));
        }
    }

    private static X509Certificate signer(Document answer) {
        return new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(), List.of())
                .verify(answer, XmlSignatureVerifier.Mode.WSS).signer();
    }

    /** SHA-256 of the element's text, fed node by node (the parser may split 10 MiB of text into many nodes). */
    private static String textSha256(Element element) throws NoSuchAlgorithmException {
        assertThat(element).isNotNull();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            assertThat(n).as("data holds text only").isInstanceOf(Text.class);
            digest.update(((Text) n).getData().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** {@code KIND STATUS}, and for a row with a stored envelope its recorded SHA-256 and that of the stored bytes. */
    private static List<String> loggedRows(String sessionId) throws Exception {
        return logRows("l.session_id = ?", sessionId);
    }

    private static List<String> loggedRowsOfMessage(String messageId) throws Exception {
        return logRows("l.message_id = ?", messageId);
    }

    private static List<String> logRows(String where, String value) throws Exception {
        try (Database db = Database.openExisting(GatewayConfig.defaults().database(), data);
             Connection c = db.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT l.kind, l.status, l.body_sha256, l.size_bytes, b.body"
                     + " FROM message_log l LEFT JOIN message_body b ON b.log_id = l.id WHERE " + where
                     + " ORDER BY l.chain_position")) {
            select.setString(1, value);
            List<String> rows = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    String row = r.getString(1) + " " + r.getString(2);
                    if (r.getString(1).equals("REQUEST")) {
                        try (InputStream stored = r.getBinaryStream(5)) {
                            MessageDigest digest = MessageDigest.getInstance("SHA-256");
                            byte[] buffer = new byte[64 * 1024];
                            for (int n = stored.read(buffer); n >= 0; n = stored.read(buffer)) {
                                digest.update(buffer, 0, n);
                            }
                            row += " " + r.getString(3) + " " + HexFormat.of().formatHex(digest.digest());
                        }
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /**
     * The gateway's {@code -Xlog:gc} file: each line of a collection names the heap before and after it
     * ({@code 120M->30M(256M)}); {@code jcmd PID GC.run} forces a full collection, whose "after" is the live heap.
     */
    private record GcLog(Path file) {

        private static final Pattern HEAP = Pattern.compile("GC\\(\\d+\\) Pause .* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
        /** How the log names the full collection {@code jcmd GC.run} asks for. */
        private static final String FORCED = "Pause Full (Diagnostic Command)";

        /** What the collections since the first {@code fromLine} lines showed, up to a full GC forced now. */
        /**
         * @param peakBytes     the fullest the heap was when a collection began (with G1 mostly garbage: it lets the heap fill)
         * @param retainedBytes the most a collection during the request left (what the request held at that moment, and more)
         * @param liveBytes     what the forced full collection left
         */
        record Span(long peakBytes, long retainedBytes, long liveBytes, int collections) {

            @Override
            public String toString() {
                return String.format("heap at most %d MiB when a GC began, at most %d MiB after one, %d MiB live after a"
                        + " full GC; %d GCs", peakBytes >> 20, retainedBytes >> 20, liveBytes >> 20, collections);
            }
        }

        List<String> lines() throws IOException {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        }

        Span fullGcAfter(long pid, int fromLine) throws Exception {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).as("jcmd GC.run finished").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> lines().stream().skip(fromLine)
                    .anyMatch(line -> line.contains(FORCED)));
            long peak = 0;
            long retained = 0;
            long live = 0;
            int collections = 0;
            for (String line : lines().stream().skip(fromLine).toList()) {
                Matcher m = HEAP.matcher(line);
                if (m.find()) {
                    collections++;
                    peak = Math.max(peak, Long.parseLong(m.group(1)) << 20);
                    if (line.contains(FORCED)) {
                        live = Long.parseLong(m.group(2)) << 20;
                    } else {
                        retained = Math.max(retained, Long.parseLong(m.group(2)) << 20);
                    }
                }
            }
            return new Span(peak, retained, live, collections);
        }
    }
}
