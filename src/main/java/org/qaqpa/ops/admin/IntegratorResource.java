package org.qaqpa.ops.admin;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.qaqpa.contract.TestKeySigning;
import org.qaqpa.contract.UploadedSuite;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.Service;
import org.qaqpa.server.SoapChannel;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;

/**
 * {@code /admin/integrator/*}, the console's integrator page (docs/console.md): the WSDLs and XSDs the SOAP listener
 * serves, a request signed with a test key of the development PKI and optionally sent to a chosen endpoint, and a
 * contract suite run against one. It only ever calls the gateway's own SOAP listener ({@code soapBase}) and the
 * provider URLs of services.yaml ({@link IntegratorEndpoints}), providers with the gateway's {@code routing.tls} trust:
 * the admin API is no proxy to other addresses. Signing needs the development PKI; with a {@code security.trust-dir}
 * there are no test keys and those routes answer 409.
 */
final class IntegratorResource {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_DOCUMENTS = 50;
    /** A WSDL's or schema's reference to another document, as CXF rewrites them ({@code ?wsdl=…}, {@code ?xsd=…}). */
    private static final Pattern REFERENCE = Pattern.compile("(?:schemaLocation|location)\\s*=\\s*\"([^\"]+)\"");
    /** The member keys of the development PKI; its {@code gateway} key is the gateway's own, not a member's. */
    private static final String GATEWAY_KEY = "gateway";
    /** The error code when the gateway's own SOAP listener does not answer a request sent from here. */
    static final String UNREACHABLE = "SOAP_LISTENER_UNREACHABLE";
    /** The error code when a provider system chosen as the endpoint does not answer a request sent from here. */
    static final String PROVIDER_UNREACHABLE = "PROVIDER_UNREACHABLE";

    private final URI soapBase;
    private final Path pkiDir;
    private final boolean developmentPki;
    private final Clock clock;
    // No connectTimeout: with one the JDK client (17) keeps the exchange that opened a pooled connection, bodies
    // included, as long as the connection lives (docs/benchmarks.md, "Large payload"); each request's timeout bounds
    // the connect too.
    private final HttpClient http = HttpClient.newHttpClient();
    /** For provider systems: trusting what the gateway's own provider calls trust ({@code routing.tls.*}). */
    private final HttpClient providerHttp;
    private final IntegratorEndpoints endpoints;

    /**
     * @param soapBase       the SOAP listener's base address, e.g. {@code http://127.0.0.1:8080}
     * @param services       the registered services, whose provider URLs are endpoints too
     * @param pathProviderBase where providers registered by path are called
     * @param providerTls    the gateway's {@code routing.tls} context
     * @param pkiDir         the development PKI's directory ({@code DATA/pki} or {@code security.dev-pki-dir}): its
     *                       member keys are the test keys
     * @param developmentPki whether the gateway trusts the development PKI (no {@code security.trust-dir})
     */
    IntegratorResource(URI soapBase, Supplier<Collection<Service>> services, Supplier<URI> pathProviderBase,
                       SSLContext providerTls, Path pkiDir, boolean developmentPki, Clock clock) {
        this.soapBase = soapBase;
        this.pkiDir = pkiDir;
        this.developmentPki = developmentPki;
        this.clock = clock;
        this.providerHttp = HttpClient.newBuilder().sslContext(providerTls).build();
        this.endpoints = new IntegratorEndpoints(base(), services, pathProviderBase);
    }

    /** {@code {default, endpoints: [{label, kind, url}]}}: where {@code send} and {@code contract-run} may send. */
    Map<String, Object> endpoints() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("default", endpoints.defaultEndpoint().url());
        answer.put("endpoints", endpoints.all().stream().map(IntegratorEndpoints.Endpoint::json).toList());
        return answer;
    }

    /** The SOAP listener's base, its channels and every WSDL and XSD their {@code ?wsdl} documents reach. */
    Map<String, Object> contract() {
        List<Object> channels = new ArrayList<>();
        List<Object> documents = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> names = new HashSet<>();
        for (SoapChannel channel : SoapChannel.values()) {
            String wsdl = base() + channel.path() + "/?wsdl";
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("channel", channel.routePrefix());
            row.put("endpoint", channel.path() + "/");
            row.put("wsdl", wsdl);
            channels.add(row);
            crawl(wsdl, seen, names, documents);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("soapBase", base());
        answer.put("channels", channels);
        answer.put("documents", documents);
        return answer;
    }

    /**
     * Follows the references of {@code start} within the SOAP listener, adding each document once: CXF names one schema
     * by several addresses (relative ones, and one below each endpoint that imports it), so a document is listed, and
     * its references followed, under the first address of its name only.
     */
    private void crawl(String start, Set<String> seen, Set<String> names, List<Object> documents) {
        Deque<String> next = new ArrayDeque<>(List.of(start));
        while (!next.isEmpty() && seen.size() < MAX_DOCUMENTS) {
            String url = next.poll();
            if (!seen.add(url) || !names.add(name(url))) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", url.contains("?xsd=") ? "xsd" : "wsdl");
            row.put("name", name(url));
            row.put("url", url);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    row.put("problem", "HTTP " + response.statusCode());
                    documents.add(row);
                    continue;
                }
                documents.add(row);
                Matcher reference = REFERENCE.matcher(response.body());
                while (reference.find()) {
                    String target = URI.create(url).resolve(reference.group(1).replace("&amp;", "&")).toString();
                    if (target.startsWith(base() + "/") && (target.contains("?wsdl") || target.contains("?xsd="))) {
                        next.add(target);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                row.put("problem", e.toString());
                documents.add(row);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A readable name: {@code bip-sync.wsdl} for {@code ?wsdl}, else the query's path without leading {@code ../} and {@code xsd/}. */
    private static String name(String url) {
        int query = url.indexOf('?');
        String value = url.substring(query + 1);
        int equals = value.indexOf('=');
        if (equals < 0) {
            String path = url.substring(0, query);
            return path.replaceAll("/+$", "").replaceAll(".*/", "") + ".wsdl";
        }
        return value.substring(equals + 1).replaceAll("^(\\.\\./)+", "").replaceAll("^xsd/", "");
    }

    /** The test keys a request can be signed with: the development PKI's member keys. */
    Map<String, Object> keys() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("developmentPki", developmentPki);
        List<String> names = new ArrayList<>();
        if (developmentPki) {
            try (Stream<Path> files = Files.list(pkiDir)) {
                files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".p12"))
                        .map(name -> name.substring(0, name.length() - ".p12".length()))
                        .filter(name -> !name.equals(GATEWAY_KEY)).sorted().forEach(names::add);
            } catch (IOException e) {
                // no pki/ yet: no keys
            }
        }
        answer.put("keys", names);
        return answer;
    }

    /**
     * @param body {@code {"xml": envelope or Body element, "key": name, "dataKey": name (optional)}}
     * @return {@code {key, dataKey, envelope}}: the signed envelope exactly as it would be sent
     */
    Map<String, Object> sign(Map<String, Object> body) {
        byte[] signed = signed(body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", body.get("key"));
        answer.put("dataKey", body.get("dataKey"));
        answer.put("envelope", new String(signed, StandardCharsets.UTF_8));
        return answer;
    }

    /**
     * Signs as {@link #sign} and POSTs the envelope to the chosen endpoint.
     *
     * @param body as for {@link #sign}, with {@code "endpoint"}: one of {@link #endpoints()}' URLs, or a channel path
     *             such as {@code /bip-sync/} (the default)
     * @return {@code {envelope, endpoint, status, answer}}: the answer pretty-printed when it is XML
     */
    Map<String, Object> send(Map<String, Object> body) {
        IntegratorEndpoints.Endpoint endpoint = endpoints.resolve(body.get("endpoint"));
        byte[] signed = signed(body);
        URI target = URI.create(endpoint.url());
        String code = endpoint.gateway() ? UNREACHABLE : PROVIDER_UNREACHABLE;
        HttpResponse<byte[]> response;
        try {
            response = (endpoint.gateway() ? http : providerHttp).send(HttpRequest.newBuilder(target).timeout(TIMEOUT)
                    .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(signed)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AdminException(502, code, (endpoint.gateway() ? "the gateway's own " : "the provider system ")
                    + target + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(502, code, "interrupted");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("envelope", new String(signed, StandardCharsets.UTF_8));
        answer.put("endpoint", target.toString());
        answer.put("status", response.statusCode());
        answer.put("answer", pretty(response.body()));
        return answer;
    }

    /**
     * @param body {@code {"suite": YAML, "files": {relative name: text}, "endpoint": as for send}}: with one of the
     *             gateway's endpoints (the default) the steps' paths are appended to the SOAP listener's base and may
     *             name any of its channels; with a provider URL that URL is the base and every step must be sent to it
     *             exactly (a step without {@code endpoint})
     * @return the run's result by test case and step ({@link UploadedSuite#run})
     */
    Map<String, Object> contractRun(Map<String, Object> body) {
        requireDevelopmentPki();
        Object suite = body.get("suite");
        if (!(suite instanceof String yaml) || yaml.isBlank()) {
            throw AdminException.badRequest("suite", "the body needs 'suite': the suite's YAML");
        }
        Map<String, String> files = new LinkedHashMap<>();
        Object given = body.getOrDefault("files", Map.of());
        if (!(given instanceof Map<?, ?> map)) {
            throw AdminException.badRequest("files", "'files' is an object: {relative name: text}");
        }
        map.forEach((name, text) -> files.put(String.valueOf(name), text == null ? "" : String.valueOf(text)));
        IntegratorEndpoints.Endpoint endpoint = endpoints.resolve(body.get("endpoint"));
        String own = base();
        UploadedSuite.Target target = endpoint.gateway()
                ? new UploadedSuite.Target(own, url -> url.equals(own) || url.startsWith(own + "/"),
                        "the gateway's own endpoints (" + own + ")", http)
                : new UploadedSuite.Target(endpoint.url(), endpoint.url()::equals, "the chosen provider endpoint ("
                        + endpoint.url() + "; leave the steps' endpoint out)", providerHttp);
        try {
            return UploadedSuite.run(yaml, files, target, pkiDir, clock);
        } catch (UploadedSuite.Refused e) {
            throw AdminException.badRequest("suite", e.getMessage());
        }
    }

    private byte[] signed(Map<String, Object> body) {
        requireDevelopmentPki();
        Object xml = body.get("xml");
        if (!(xml instanceof String text) || text.isBlank()) {
            throw AdminException.badRequest("xml", "the body needs 'xml': a SOAP envelope or the Body's element");
        }
        String key = Optional.ofNullable(body.get("key")).map(String::valueOf).orElse("legal");
        Optional<String> dataKey = Optional.ofNullable(body.get("dataKey")).map(String::valueOf).filter(s -> !s.isBlank());
        List<String> known = keyNames();
        for (String name : dataKey.isPresent() ? List.of(key, dataKey.get()) : List.of(key)) {
            if (!known.contains(name)) {
                throw AdminException.badRequest(name.equals(key) ? "key" : "dataKey", "'" + name
                        + "' is not a test key of the development PKI (" + String.join(", ", known) + ")");
            }
        }
        try {
            return new TestKeySigning(pkiDir).sign(text, key, dataKey);
        } catch (QaqpaFault e) {
            throw AdminException.badRequest("xml", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("key", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> keyNames() {
        return (List<String>) keys().get("keys");
    }

    private void requireDevelopmentPki() {
        if (!developmentPki) {
            throw new AdminException(409, AdminException.CONFLICT, "this gateway trusts security.trust-dir, not the"
                    + " development PKI: it has no test keys to sign with (sign with 'qaqpa send --key' instead)");
        }
    }

    /** The SOAP listener's base without a trailing slash. */
    private String base() {
        String text = soapBase.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The answer indented for reading when it is well-formed XML, else as it came (its signature is not checked here). */
    static String pretty(byte[] xml) {
        try {
            Document document = new SecureDocuments(XmlLimits.defaults()).parse(new ByteArrayInputStream(xml));
            DOMImplementationLS ls = (DOMImplementationLS) document.getImplementation().getFeature("LS", "3.0");
            LSSerializer serializer = ls.createLSSerializer();
            serializer.getDomConfig().setParameter("format-pretty-print", true);
            serializer.getDomConfig().setParameter("xml-declaration", false);
            return serializer.writeToString(document);
        } catch (RuntimeException e) {
            return new String(xml, StandardCharsets.UTF_8);
        }
    }
}
