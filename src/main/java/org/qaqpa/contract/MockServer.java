package org.qaqpa.contract;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.xml.namespace.QName;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.server.LoopbackServer;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlBytes;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code qaqpa contract mock}: serves a WSDL's operations on 127.0.0.1 with the answers of
 * {@link MockResponses}, so that a provider can be stood in for before it exists (the gateway calls
 * it as any provider). POST dispatches by the Body's element to the operation, then by the rules'
 * XPath; GET {@code ?wsdl} and GET of the WSDL's own files serve the contract. Requests are read with
 * the gateway's XML guard; signatures on requests are not checked.
 */
public final class MockServer implements AutoCloseable {

    private static final int MAX_THREADS = 16;

    private final LoopbackServer server;

    private MockServer(LoopbackServer server) {
        this.server = server;
    }

    /**
     * Starts the mock of {@code wsdl} on {@code port} (0: a free one), with the answers of {@code responsesDir}
     * (empty: every operation answers with a fault), signing with keys of {@code dataDir/pki}; {@code log} gets a
     * line per request.
     *
     * @throws IllegalArgumentException    if the WSDL cannot be read
     * @throws org.qaqpa.config.ConfigException if responses.yaml cannot be read ({@code FILE:LINE: problem})
     */
    public static MockServer start(Path wsdl, Optional<Path> responsesDir, int port, Path dataDir, Consumer<String> log)
            throws Exception {
        MockWsdl contract = MockWsdl.read(wsdl);
        MockResponses responses = responsesDir.map(dir -> MockResponses.read(dir, contract)).orElseGet(MockResponses::none);
        MemberKeys keys = new MemberKeys(dataDir.resolve("pki"));
        return new MockServer(LoopbackServer.start("qaqpa-mock", MAX_THREADS, port, context -> context.addServlet(
                new ServletHolder("mock", new MockServlet(contract, responses, keys, log)), "/*")));
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI baseUrl() {
        return URI.create(server.baseUrl() + "/");
    }

    /** The operations served, for the start-up line. */
    public static String describe(Path wsdl) {
        return String.join(", ", MockWsdl.read(wsdl).operations().stream().map(MockWsdl.Operation::name).toList());
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    private static final class MockServlet extends HttpServlet {

        private static final long serialVersionUID = 1L;

        private final transient MockWsdl contract;
        private final transient MockResponses responses;
        private final transient MemberKeys keys;
        private final transient Consumer<String> log;
        private final transient Path root;

        MockServlet(MockWsdl contract, MockResponses responses, MemberKeys keys, Consumer<String> log) {
            this.contract = contract;
            this.responses = responses;
            this.keys = keys;
            this.log = log;
            this.root = commonRoot(contract);
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getQueryString() != null && request.getQueryString().equalsIgnoreCase("wsdl")) {
                response.sendRedirect("/" + root.relativize(contract.file()).toString().replace('\\', '/'));
                return;
            }
            String path = request.getPathInfo() == null ? "" : request.getPathInfo();
            Path wanted = root.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
            if (!contract.documents().contains(wanted)) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType("text/xml");
            response.getOutputStream().write(Files.readAllBytes(wanted));
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Document envelope;
            try {
                envelope = new SecureDocuments(XmlLimits.defaults()).parse(request.getInputStream());
            } catch (QaqpaFault e) {
                answerFault(response, "Client", "The request is refused: " + e.getMessage());
                return;
            }
            Element content = SyncMessages.bodyContent(envelope);
            if (content == null) {
                answerFault(response, "Client", "The request is not a SOAP 1.1 envelope with a Body element.");
                return;
            }
            QName element = new QName(content.getNamespaceURI() == null ? "" : content.getNamespaceURI(), content.getLocalName());
            Optional<MockWsdl.Operation> operation = contract.operationFor(element);
            if (operation.isEmpty()) {
                answerFault(response, "Client", "No operation of the WSDL takes " + element + ".");
                return;
            }
            String name = operation.get().name();
            Optional<MockResponses.Rule> rule = responses.match(name, envelope.getDocumentElement());
            if (rule.isEmpty()) {
                log.accept("POST " + name + ": no response matches");
                answerFault(response, "Server", "The mock has no response for operation " + name + " that matches this request.");
                return;
            }
            byte[] answer;
            try {
                answer = render(rule.get(), envelope);
            } catch (RuntimeException e) {
                answerFault(response, "Server", "The mock's response " + rule.get().file() + " failed: " + e.getMessage());
                return;
            }
            log.accept("POST " + name + ": " + rule.get().file() + " (line " + rule.get().line() + "), HTTP " + rule.get().status()
                    + (rule.get().sign() ? ", signed" : ""));
            send(response, rule.get().status(), answer);
        }

        private byte[] render(MockResponses.Rule rule, Document request) {
            PropertyValues values = new PropertyValues(Map.of(), Clock.systemDefaultZone());
            rule.values().forEach((name, xpath) -> values.put(name, xpath.string(request)));
            String text = rule.template().render(values);
            if (!rule.sign()) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            Document answer = RequestSigner.parse(text);
            IssuedCertificate key = keys.get(responses.key(), Path.of("."));
            new XmlSigner(key.privateKey(), key.certificate()).signTransport(answer, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
            return XmlBytes.of(answer);
        }

        private static void answerFault(HttpServletResponse response, String side, String message) throws IOException {
            Element body = SyncMessages.newEnvelope();
            Element fault = body.getOwnerDocument().createElementNS(SyncMessages.SOAP, "soapenv:Fault");
            body.appendChild(fault);
            SyncMessages.append(fault, "faultcode", "soapenv:" + side);
            SyncMessages.append(fault, "faultstring", message);
            send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, XmlBytes.of(body.getOwnerDocument()));
        }

        private static void send(HttpServletResponse response, int status, byte[] body) throws IOException {
            response.setStatus(status);
            response.setContentType("text/xml; charset=utf-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }

        /** The deepest directory holding every document of the WSDL: GET paths are relative to it. */
        private static Path commonRoot(MockWsdl contract) {
            Path root = contract.file().getParent();
            for (Path document : contract.documents()) {
                while (!document.startsWith(root)) {
                    root = root.getParent();
                }
            }
            return root;
        }
    }
}
