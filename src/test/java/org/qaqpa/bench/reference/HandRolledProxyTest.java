package org.qaqpa.bench.reference;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.e2e.Envelopes;
import org.qaqpa.e2e.TestGateway;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.VerifiedSignature;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * The hand-rolled CXF + WSS4J proxy of the sync benchmark, over HTTP on 127.0.0.1 with a development
 * PKI made as the gateway makes it: a member's signed SendMessage goes through to the echo provider and
 * comes back signed by the gateway's key; an unsigned request or a changed Body gets a SOAP fault; and
 * the main class runs as the bench runs it, in a child JVM stopped by SIGTERM.
 */
class HandRolledProxyTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LISTENING =
            Pattern.compile(Pattern.quote(HandRolledProxyMain.LISTENING) + "(http://127\\.0\\.0\\.1:\\d+/bip-sync/)");
    private static final String NOTE_NS = "urn:qaqpa:test";
    private static final String DATA = "<payload xmlns=\"urn:qaqpa:bench\">ТЕСТ &amp; echo <b n=\"1\">x</b></payload>";

    @TempDir
    static Path pkiDir;
    private static DevPki pki;
    private static HandRolledProxyMain proxy;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        pki = DevPki.generate(Clock.systemUTC());
        pki.writeTo(pkiDir, DevPki.password());
        proxy = HandRolledProxyMain.start(pkiDir, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void passesASignedRequestToTheEchoAndSignsItsAnswerWithTheGatewayKey() throws Exception {
        String request = TestGateway.sign(Envelopes.sendMessage("TEST_SERVICE_ID", DATA), pki.legalEntity());

        HttpResponse<String> answer = post(proxy.endpoint(), request);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Document envelope = parse(answer.body());
        Element content = SyncMessages.bodyContent(envelope);
        assertThat(content.getNamespaceURI()).isEqualTo(SyncMessages.SYNC_TYPES);
        assertThat(content.getLocalName()).isEqualTo("SendMessageResponse");
        Element response = SyncMessages.child(content, "response");
        assertThat(SyncMessages.text(response, "responseInfo", "status", "code")).isEqualTo("Success");
        Diff data = DiffBuilder.compare(dataOf(parse(request), "request", "requestData"))
                .withTest(dataOf(envelope, "response", "responseData"))
                .ignoreWhitespace().checkForSimilar().build();
        assertThat(data.hasDifferences()).as(data.toString()).isFalse();
        assertThat(signer(envelope).signer()).isEqualTo(pki.gateway().certificate());
    }

    @Test
    void answersTheSameSignedRequestAgain() throws Exception {
        String request = TestGateway.sign(Envelopes.sendMessage("TEST_SERVICE_ID", DATA), pki.legalEntity());

        HttpResponse<String> first = post(proxy.endpoint(), request);
        HttpResponse<String> second = post(proxy.endpoint(), request);

        // No replay guard: the bench re-sends pre-signed requests.
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    }

    @Test
    void refusesAnUnsignedRequestWithAFault() throws Exception {
        HttpResponse<String> answer = post(proxy.endpoint(), Envelopes.sendMessage("TEST_SERVICE_ID", DATA));

        assertFault(answer);
    }

    @Test
    void refusesARequestWhoseBodyChangedAfterSigningWithAFault() throws Exception {
        String signed = TestGateway.sign(Envelopes.sendMessage("TEST_SERVICE_ID", DATA), pki.legalEntity());
        String tampered = signed.replace("ТЕСТ &amp; echo", "ТЕСТ &amp; forged");
        assertThat(tampered).isNotEqualTo(signed);

        HttpResponse<String> answer = post(proxy.endpoint(), tampered);

        assertFault(answer);
    }

    @Test
    void acceptsARequestWhoseSignatureCoversTheBodyAndAHeader() throws Exception {
        String signed = signedByWss4j(withNote(Envelopes.sendMessage("TEST_SERVICE_ID", DATA)), "Body", "Note");

        HttpResponse<String> answer = post(proxy.endpoint(), signed);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void refusesARequestWhoseSignatureCoversAHeaderButNotTheBodyWithAFault() throws Exception {
        // A valid signature by a trusted legal entity: WSS4J alone accepts it, the coverage checker does not.
        String signed = signedByWss4j(withNote(Envelopes.sendMessage("TEST_SERVICE_ID", DATA)), "Note");

        HttpResponse<String> answer = post(proxy.endpoint(), signed);

        assertCoverageFault(answer);
    }

    @Test
    void refusesARequestSignedOutsideTheDevelopmentPkiWithAFault() throws Exception {
        IssuedCertificate stranger = pki.selfSigned(LeafSpec.signing("C=KZ, CN=STRANGER, OU=BIN123456789021", Instant.now()));
        String signed = TestGateway.sign(Envelopes.sendMessage("TEST_SERVICE_ID", DATA), stranger);

        HttpResponse<String> answer = post(proxy.endpoint(), signed);

        assertFault(answer);
    }

    @Test
    void refusesARequestSignedByAnIndividualWithAFault() throws Exception {
        // In the development PKI, but no BIN in the subject: not a legal entity's system.
        String signed = TestGateway.sign(Envelopes.sendMessage("TEST_SERVICE_ID", DATA), pki.individual());

        HttpResponse<String> answer = post(proxy.endpoint(), signed);

        assertFault(answer);
    }

    @Test
    void runsAsAChildJvmUntilSigterm(@TempDir Path work) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), HandRolledProxyMain.class.getName(),
                "--pki", pkiDir.toString(), "--port", "0");
        Path stderr = work.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            BlockingQueue<String> lines = stdoutLines(process);
            String first = lines.poll(START_TIMEOUT.toSeconds(), SECONDS);
            assertThat(first).as("the first line on stdout; stderr: %s", Files.readString(stderr)).isNotNull();
            Matcher listening = LISTENING.matcher(first);
            assertThat(listening.matches()).as(first).isTrue();
            String request = TestGateway.sign(Envelopes.sendMessage("TEST_SERVICE_ID", DATA), pki.legalEntity());

            HttpResponse<String> answer = post(URI.create(listening.group(1)), request);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(signer(parse(answer.body())).signer()).isEqualTo(pki.gateway().certificate());
            assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
            assertThat(process.waitFor(START_TIMEOUT.toSeconds(), SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(lines).as("nothing more on stdout").isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }

    /** WSS4J's own fault: the same generic SecurityError for every refusal, so as not to help an attacker. */
    private static void assertFault(HttpResponse<String> answer) {
        assertThat(faultCode(answer)).isEqualTo(WSSecurityException.SECURITY_ERROR);
    }

    /** The coverage checker's fault: a Client fault naming the XPath that is not signed. */
    private static void assertCoverageFault(HttpResponse<String> answer) {
        assertThat(faultCode(answer)).isEqualTo(new QName(SyncMessages.SOAP, "Client"));
        assertThat(SyncMessages.text(SyncMessages.bodyContent(parse(answer.body())), "faultstring"))
                .isEqualTo("No SIGNED element found matching XPath /soapenv:Envelope/soapenv:Body");
    }

    private static QName faultCode(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain("SendMessageResponse").doesNotContain("Exception").doesNotContain("at org.");
        Element content = SyncMessages.bodyContent(parse(answer.body()));
        assertThat(content.getNamespaceURI()).isEqualTo(SyncMessages.SOAP);
        assertThat(content.getLocalName()).isEqualTo("Fault");
        Element code = SyncMessages.child(content, "faultcode");
        String[] prefixed = code.getTextContent().strip().split(":", 2);
        return new QName(code.lookupNamespaceURI(prefixed[0]), prefixed[1]);
    }

    private static BlockingQueue<String> stdoutLines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the pipe closed: the output ends here
            }
        }, "proxy-stdout-" + UUID.randomUUID());
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static HttpResponse<String> post(URI endpoint, String envelope) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static VerifiedSignature signer(Document envelope) {
        return new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(), List.of())
                .verify(envelope, XmlSignatureVerifier.Mode.WSS);
    }

    private static String withNote(String envelope) {
        return envelope.replace("<soapenv:Header/>", "<soapenv:Header><Note xmlns=\"" + NOTE_NS + "\">harmless</Note></soapenv:Header>");
    }

    /** Signed by the legal entity with WSS4J itself (X509v3 KeyIdentifier, RSA-SHA256), covering the named elements only. */
    private static String signedByWss4j(String envelope, String... localNames) throws Exception {
        Document document = parse(envelope);
        WSSecHeader header = new WSSecHeader(document);
        header.insertSecurityHeader();
        WSSecSignature signature = new WSSecSignature(header);
        signature.setUserInfo("legal", new String(DevPki.password()));
        signature.setKeyIdentifierType(WSConstants.X509_KEY_IDENTIFIER);
        signature.setSignatureAlgorithm(WSConstants.RSA_SHA256);
        signature.setDigestAlgo(WSConstants.SHA256);
        for (String localName : localNames) {
            String namespace = "Body".equals(localName) ? SyncMessages.SOAP : NOTE_NS;
            signature.getParts().add(new WSEncryptionPart(localName, namespace, "Element"));
        }
        Merlin legal = new Merlin();
        legal.setKeyStore(pki.legalEntity().toPkcs12("legal", DevPki.password()));
        signature.build(legal);
        return new String(SyncMessages.serialize(document), StandardCharsets.UTF_8);
    }

    private static Element dataOf(Document envelope, String message, String dataHolder) {
        Element holder = SyncMessages.child(SyncMessages.child(SyncMessages.bodyContent(envelope), message), dataHolder);
        return SyncMessages.child(holder, "data");
    }

    private static Document parse(String xml) {
        return new SecureDocuments(XmlLimits.defaults()).parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
