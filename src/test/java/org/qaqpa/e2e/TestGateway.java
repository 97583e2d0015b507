package org.qaqpa.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.sandbox.SandboxServer;
import org.qaqpa.log.MessageLog;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.wss.GatewayTrust;
import org.qaqpa.server.Gateway;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A real gateway for end-to-end tests: default configuration, a free port on 127.0.0.1, its own
 * data directory with a development PKI made for the test (which the gateway then trusts), the
 * sandbox certifying centre on another free port answering OCSP for that PKI (its address is in the
 * certificates, as an NCA responder's is), the sandbox providers mounted under {@code /sandbox/}
 * (echo and faulty, see {@code SandboxProviders}), and a plain HTTP client that can sign requests with the
 * PKI's member keys.
 */
public final class TestGateway implements AutoCloseable {

    private final Gateway gateway;
    private final DevPki pki;
    private final SandboxServer sandbox;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(Gateway gateway, DevPki pki, SandboxServer sandbox, Path dataDir) {
        this.gateway = gateway;
        this.dataDir = dataDir;
        this.pki = pki;
        this.sandbox = sandbox;
    }

    public static TestGateway start(Path dataDir) throws Exception {
        return start(GatewayConfig.defaults(), dataDir);
    }

    public static TestGateway start(GatewayConfig config, Path dataDir) throws Exception {
        return start(config, dataDir, System::getenv);
    }

    /** Like {@link #start(GatewayConfig, Path)}, reading the secrets qaqpa.yaml names from {@code environment}. */
    public static TestGateway start(GatewayConfig config, Path dataDir, java.util.function.Function<String, String> environment)
            throws Exception {
        SandboxServer sandbox = SandboxServer.start(0, dataDir.resolve("pki"), Clock.systemUTC());
        DevPki pki = DevPki.generate(Clock.systemUTC(), sandbox.caUrl());
        pki.writeTo(dataDir.resolve("pki"), DevPki.DEVELOPMENT_PASSWORD.toCharArray(), false, GatewayTrust.DEV_CRL_VALIDITY);
        return start(forTest(config), dataDir, environment, sandbox, pki);
    }

    /**
     * A regional node (config with {@code federation.profile: regional}) on the development PKI of
     * {@code national}, as {@code qaqpa run --profile regional --pki NATIONAL_DATA/pki} runs one, with sandbox
     * systems of its own serving that PKI.
     */
    public static TestGateway startRegional(GatewayConfig regional, Path dataDir, TestGateway national) throws Exception {
        return startBeside(regional, dataDir, System::getenv, national);
    }

    /**
     * Another gateway node on the development PKI of {@code first} (members' keys are trusted alike on both),
     * with sandbox systems of its own serving that PKI: a regional node, or a second node of a scale-out.
     */
    public static TestGateway startBeside(GatewayConfig config, Path dataDir,
                                          java.util.function.Function<String, String> environment, TestGateway first)
            throws Exception {
        return startBeside(config, dataDir, environment, first, 0);
    }

    /**
     * Like {@link #startBeside(GatewayConfig, Path, java.util.function.Function, TestGateway)}, with the admin API on
     * {@code adminPort} (0: a free one): a port the test reserved, so that a node started before this one can name it
     * in its {@code admin.peers}.
     */
    public static TestGateway startBeside(GatewayConfig config, Path dataDir,
                                          java.util.function.Function<String, String> environment, TestGateway first,
                                          int adminPort) throws Exception {
        Path pkiDir = first.dataDir().resolve("pki");
        GatewayConfig onTestPorts = forTest(config);
        onTestPorts = onTestPorts.withAdmin(onTestPorts.admin().withPort(adminPort));
        onTestPorts = onTestPorts.withSecurity(onTestPorts.security().withDevPkiDir(pkiDir.toString()));
        return start(onTestPorts, dataDir, environment, SandboxServer.start(0, pkiDir, Clock.systemUTC()), first.pki());
    }

    /** Free ports (SOAP and admin), the project's routes, registry files named relative to the project resolved against it. */
    private static GatewayConfig forTest(GatewayConfig config) {
        GatewayConfig onFreePort = config.withPort(0);
        return new GatewayConfig(onFreePort.server(), onFreePort.xml(), onFreePort.database(), onFreePort.log(),
                new GatewayConfig.Routing(Optional.of(projectDir().resolve("routes").toString()), onFreePort.routing().tls()),
                onFreePort.security(),
                new GatewayConfig.Registry(projectDir().resolve(config.registry().membersFile()).toString(),
                        projectDir().resolve(config.registry().servicesFile()).toString(), config.registry().reloadInterval()),
                onFreePort.sandbox(), onFreePort.replay(), onFreePort.async(), onFreePort.federation(),
                onFreePort.admin().withPort(0), onFreePort.logging());
    }

    private static TestGateway start(GatewayConfig config, Path dataDir, java.util.function.Function<String, String> environment,
                                     SandboxServer sandbox, DevPki pki) throws Exception {
        Gateway gateway = new Gateway(config, dataDir, Clock.systemUTC());
        gateway.pathProvidersAt(sandbox.baseUrl());
        gateway.applicationsFrom(sandbox.applications());
        gateway.environmentFrom(environment);
        try {
            gateway.start();
        } catch (Exception e) {
            sandbox.close();
            throw e;
        }
        return new TestGateway(gateway, pki, sandbox, dataDir);
    }

    /** The gateway's data directory ({@code pki/} holds the development PKI's files). */
    public Path dataDir() {
        return dataDir;
    }

    /** The sandbox certifying centre serving this gateway's development PKI. */
    public SandboxServer sandbox() {
        return sandbox;
    }

    /**
     * Starts the sandbox e-services of the shipped passports and routes ({@code config/services/},
     * {@code routes/services/}, docs/services.md), talking to this gateway.
     */
    public org.qaqpa.sandbox.eservice.EServiceSandbox startShippedEServices() throws Exception {
        return sandbox.startEServices(projectDir().resolve("config/services"), projectDir().resolve("routes/services"),
                gateway.baseUri());
    }

    /** The project checkout (surefire sets {@code qaqpa.project.dir}). */
    public static Path projectDir() {
        return Path.of(System.getProperty("qaqpa.project.dir", ".")).toAbsolutePath();
    }

    /** The PBKDF2 hash of the development password 'changeit', as the shipped config/members.yaml holds it. */
    public static String devPasswordHash() throws IOException {
        return Files.readAllLines(projectDir().resolve("config/members.yaml")).stream()
                .filter(line -> line.contains("password-hash:")).findFirst().orElseThrow().split("password-hash:")[1].strip();
    }

    /** The gateway itself, for tests that look at its parts (registries). */
    public Gateway gateway() {
        return gateway;
    }

    /** The development PKI the gateway trusts. */
    /** The running gateway's message log, to record into as the routes will. */
    public MessageLog messageLog() {
        return gateway.messageLog();
    }

    public DevPki pki() {
        return pki;
    }

    /** The envelope with a WS-Security signature by {@code signer}, in the SHEP reference form. */
    public static String sign(String envelope, IssuedCertificate signer) {
        Document document = new SecureDocuments(XmlLimits.defaults())
                .parse(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)));
        new XmlSigner(signer.privateKey(), signer.certificate()).signTransport(document, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
        try {
            java.io.StringWriter out = new java.io.StringWriter();
            javax.xml.transform.TransformerFactory.newInstance().newTransformer()
                    .transform(new javax.xml.transform.dom.DOMSource(document), new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs the envelope signed by the legal-entity member of the test PKI. */
    public SoapResponse postSigned(String path, String envelope) throws IOException, InterruptedException {
        return post(path, sign(envelope, pki.legalEntity()).getBytes(StandardCharsets.UTF_8));
    }

    /** The gateway's address of {@code path}; {@code /sandbox/...} paths are the sandbox providers' listener. */
    public URI uri(String path) {
        return (path.startsWith("/sandbox/") ? sandbox.baseUrl() : gateway.baseUri()).resolve(path);
    }

    /** POSTs a SOAP 1.1 request. */
    public SoapResponse post(String path, byte[] body) throws IOException, InterruptedException {
        return post(path, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** POSTs a SOAP 1.1 request of unknown length (sent chunked). */
    public SoapResponse postChunked(String path, byte[] body) throws IOException, InterruptedException {
        return post(path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private SoapResponse post(String path, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        return postWithHeaders(path, body, "Content-Type", "text/xml; charset=utf-8");
    }

    /** POSTs with the given header name/value pairs (and {@code SOAPAction: ""}). */
    public SoapResponse postWithHeaders(String path, byte[] body, String... headers) throws IOException, InterruptedException {
        return postWithHeaders(path, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    private SoapResponse postWithHeaders(String path, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .headers(headers)
                .header("SOAPAction", "\"\"")
                .POST(body)
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new SoapResponse(response.statusCode(), response.body(), response.headers().map());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Closes each gateway that was started (null: not started), in the order given. */
    public static void closeAll(TestGateway... gateways) {
        for (TestGateway gateway : gateways) {
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    @Override
    public void close() {
        gateway.close();
        try {
            sandbox.close();
        } catch (Exception e) {
            throw new IllegalStateException("the sandbox did not stop", e);
        }
    }

    /** An HTTP answer to a SOAP request; {@link #errorCode()} reads {@code ErrorInfo/errorCode} of a fault. */
    public record SoapResponse(int status, String body, java.util.Map<String, java.util.List<String>> headers) {

        public Document document() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("response is not XML: " + body, e);
            }
        }

        public String errorCode() {
            return detailText("errorCode");
        }

        public String detailText(String localName) {
            NodeList nodes = document().getElementsByTagNameNS("*", "detail");
            if (nodes.getLength() != 1) {
                throw new AssertionError("no fault detail in: " + body);
            }
            NodeList values = ((org.w3c.dom.Element) nodes.item(0)).getElementsByTagName(localName);
            return values.getLength() == 0 ? null : values.item(0).getTextContent();
        }

        /** Local name and namespace of the element inside {@code detail}, e.g. {@code {ns}SendMessageFault1_SendMessageFault}. */
        public String detailElement() {
            var detail = document().getElementsByTagNameNS("*", "detail").item(0);
            for (var n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof org.w3c.dom.Element e) {
                    return "{" + e.getNamespaceURI() + "}" + e.getLocalName();
                }
            }
            return null;
        }
    }
}
