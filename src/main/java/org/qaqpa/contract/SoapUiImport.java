package org.qaqpa.contract;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.xpath.XPathExpressionException;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.xml.SecureDocuments;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.w3c.dom.Element;

/**
 * {@code qaqpa contract import-soapui}: converts the test suites of a SoapUI project (its public XML
 * format, namespace {@code http://eviware.com/soapui/config}) into suites of ours: request steps with
 * their requests (as template files), endpoints (as paths), properties, property transfers from
 * responses, and the common assertions. Everything else is listed as not converted, never guessed.
 */
public final class SoapUiImport {

    static final String CON = "http://eviware.com/soapui/config";
    private static final Pattern DECLARE = Pattern.compile("declare\\s+namespace\\s+([A-Za-z_][\\w.-]*)\\s*=\\s*['\"]([^'\"]*)['\"]\\s*;?");
    private static final Pattern EXPANSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern SCOPED = Pattern.compile("#(Project|TestSuite|TestCase)#([A-Za-z_][A-Za-z0-9_.-]*)");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern GROOVY_UUID = Pattern.compile("=\\s*(java\\.util\\.)?UUID\\.randomUUID\\(\\)(\\.toString\\(\\))?\\s*");
    private static final Pattern GROOVY_NOW = Pattern.compile("=\\s*new\\s+(java\\.util\\.)?Date\\(\\)\\.format\\(.*\\)\\s*");

    /** The outcome: the suites written and what could not be converted, one line each. */
    public record Outcome(List<Path> suites, List<String> notConverted) {
    }

    private final List<String> notConverted = new ArrayList<>();

    private SoapUiImport() {
    }

    /**
     * Converts {@code project} into {@code out} ({@code SUITE.yaml} and {@code requests/SUITE/*.xml}).
     *
     * @throws IllegalArgumentException if the project cannot be read or is not a SoapUI project
     */
    public static Outcome convert(Path project, Path out) throws IOException {
        Element root;
        try (InputStream in = Files.newInputStream(project)) {
            root = new SecureDocuments(RequestSigner.TEMPLATE_LIMITS).parse(in).getDocumentElement();
        } catch (QaqpaFault e) {
            throw new IllegalArgumentException(project + ": " + e.getMessage(), e);
        }
        if (!CON.equals(root.getNamespaceURI()) || !"soapui-project".equals(root.getLocalName())) {
            throw new IllegalArgumentException(project + ": not a SoapUI project (root element con:soapui-project)");
        }
        SoapUiImport conversion = new SoapUiImport();
        Map<String, String> projectProperties = conversion.properties(root, "project");
        List<Path> suites = new ArrayList<>();
        for (Element testSuite : children(root, "testSuite")) {
            conversion.suite(testSuite, projectProperties, out).ifPresent(suites::add);
        }
        if (suites.isEmpty()) {
            conversion.notConverted.add("the project: no test suite with a convertible test case");
        }
        return new Outcome(List.copyOf(suites), List.copyOf(conversion.notConverted));
    }

    private Optional<Path> suite(Element testSuite, Map<String, String> projectProperties, Path out) throws IOException {
        String suiteName = testSuite.getAttribute("name");
        String slug = slug(suiteName);
        Map<String, String> properties = new LinkedHashMap<>(projectProperties);
        properties.putAll(properties(testSuite, suiteName));
        Map<String, String> namespaces = new LinkedHashMap<>();
        List<Object> cases = new ArrayList<>();
        String[] endpoint = new String[1];
        int requestNumber = 0;
        for (Element testCase : children(testSuite, "testCase")) {
            String where = suiteName + " / " + testCase.getAttribute("name");
            if ("true".equals(testCase.getAttribute("disabled"))) {
                notConverted.add(where + ": disabled test case");
                continue;
            }
            Map<String, String> caseProperties = properties(testCase, where);
            List<Map<String, Object>> steps = new ArrayList<>();
            Map<String, Map<String, Object>> stepsByName = new LinkedHashMap<>();
            for (Element step : children(testCase, "testStep")) {
                String stepWhere = where + " / " + step.getAttribute("name");
                String type = step.getAttribute("type");
                if ("true".equals(step.getAttribute("disabled"))) {
                    notConverted.add(stepWhere + ": disabled step");
                } else if (type.equals("request")) {
                    Optional<Map<String, Object>> converted = request(step, stepWhere, namespaces, endpoint, out, slug, ++requestNumber);
                    converted.ifPresent(s -> {
                        steps.add(s);
                        stepsByName.put(step.getAttribute("name"), s);
                    });
                } else if (type.equals("transfer")) {
                    transfers(step, stepWhere, stepsByName, namespaces);
                } else {
                    notConverted.add(stepWhere + ": step type '" + type + "'");
                }
            }
            if (steps.isEmpty()) {
                notConverted.add(where + ": no request step to convert");
                continue;
            }
            if (!caseProperties.isEmpty()) {
                Map<String, Object> first = new LinkedHashMap<>();
                first.put("name", steps.get(0).get("name"));
                first.put("set", caseProperties);
                first.putAll(steps.get(0));
                steps.set(0, first);
            }
            Map<String, Object> converted = new LinkedHashMap<>();
            converted.put("name", testCase.getAttribute("name"));
            converted.put("steps", steps);
            cases.add(converted);
        }
        if (cases.isEmpty()) {
            notConverted.add(suiteName + ": no test case to convert");
            return Optional.empty();
        }
        Map<String, Object> suite = new LinkedHashMap<>();
        suite.put("suite", suiteName);
        if (endpoint[0] != null) {
            suite.put("endpoint", endpoint[0]);
        }
        if (!properties.isEmpty()) {
            suite.put("properties", properties);
        }
        if (!namespaces.isEmpty()) {
            suite.put("namespaces", namespaces);
        }
        suite.put("test-cases", cases);
        Files.createDirectories(out);
        Path file = out.resolve(slug + ".yaml");
        String header = "# Converted from the SoapUI test suite '" + suiteName.replace("\n", " ") + "' by qaqpa contract import-soapui.\n"
                + "# Requests are signed with the member key of --data (signing: default); see docs/contract-testing.md.\n";
        Files.writeString(file, header + yaml(suite), StandardCharsets.UTF_8);
        return Optional.of(file);
    }

    private Optional<Map<String, Object>> request(Element step, String where, Map<String, String> namespaces, String[] endpoint,
                                                  Path out, String suiteSlug, int number) throws IOException {
        Element config = child(step, "config").orElse(null);
        Element request = config == null ? null : child(config, "request").orElse(null);
        Element body = request == null ? null : child(request, "request").orElse(null);
        if (body == null || body.getTextContent().isBlank()) {
            notConverted.add(where + ": request step without a request");
            return Optional.empty();
        }
        Optional<String> text = expand(body.getTextContent().strip(), where + " request");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            RequestSigner.parse(text.get());
        } catch (QaqpaFault e) {
            notConverted.add(where + ": the request is refused: " + e.getMessage());
            return Optional.empty();
        }
        if (child(request, "outgoingWss").isPresent() || text.get().contains("wsse:Security")) {
            notConverted.add(where + ": SoapUI's own WS-Security (the converted step signs with the member key instead)");
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        converted.put("name", step.getAttribute("name"));
        child(request, "endpoint").map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty()).ifPresent(url -> {
            URI uri = URI.create(url);
            if (uri.getScheme() != null && uri.getAuthority() != null) {
                if (endpoint[0] == null) {
                    endpoint[0] = uri.getScheme() + "://" + uri.getAuthority();
                }
                converted.put("endpoint", uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
            } else {
                converted.put("endpoint", url);
            }
        });
        child(config, "operation").map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty())
                .ifPresent(operation -> converted.put("operation", operation));
        String template = "requests/" + suiteSlug + "/" + String.format(Locale.ROOT, "%02d", number) + "-" + slug(step.getAttribute("name")) + ".xml";
        Path file = out.resolve(template);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.get() + "\n", StandardCharsets.UTF_8);
        converted.put("request", template);
        List<Object> assertions = new ArrayList<>();
        for (Element assertion : children(request, "assertion")) {
            assertion(assertion, where, namespaces).ifPresent(assertions::add);
        }
        if (!assertions.isEmpty()) {
            converted.put("assertions", assertions);
        }
        return Optional.of(converted);
    }

    private Optional<Object> assertion(Element assertion, String where, Map<String, String> namespaces) {
        String type = assertion.getAttribute("type");
        String at = where + " / assertion '" + Optional.of(assertion.getAttribute("name")).filter(n -> !n.isEmpty()).orElse(type) + "'";
        if ("true".equals(assertion.getAttribute("disabled"))) {
            notConverted.add(at + ": disabled");
            return Optional.empty();
        }
        Element configuration = child(assertion, "configuration").orElse(null);
        return switch (type) {
            case "SOAP Response" -> {
                Map<String, Object> envelope = new LinkedHashMap<>();
                envelope.put("xpath", "/soap:Envelope/soap:Body");
                envelope.put("exists", true);
                yield Optional.of(envelope);
            }
            case "SOAP Fault Assertion" -> Optional.of(Map.of("fault", true));
            case "Not SOAP Fault Assertion" -> Optional.of(Map.of("not-fault", true));
            case "Schema Compliance" -> Optional.of(Map.of("schema-valid", true));
            case "Response SLA Assertion" -> integer(configuration, "SLA", at).map(ms -> Map.of("max-time", ms));
            case "Valid HTTP Status Codes" -> text(configuration, "codes").map(codes -> statusCodes(codes, at)).orElseGet(() -> {
                notConverted.add(at + ": no codes");
                return Optional.empty();
            });
            case "Simple Contains", "Simple NotContains" -> contains(configuration, type.equals("Simple Contains"), at);
            case "XPath Match" -> xpathMatch(configuration, at, namespaces);
            default -> {
                notConverted.add(at + ": assertion type '" + type + "'");
                yield Optional.empty();
            }
        };
    }

    private Optional<Object> statusCodes(String codes, String at) {
        List<Integer> list = new ArrayList<>();
        for (String code : codes.split("[,\\s]+")) {
            if (!code.isEmpty()) {
                try {
                    list.add(Integer.parseInt(code));
                } catch (NumberFormatException e) {
                    notConverted.add(at + ": status code '" + code + "'");
                    return Optional.empty();
                }
            }
        }
        return list.isEmpty() ? Optional.empty() : Optional.of(Map.of("status", list.size() == 1 ? list.get(0) : list));
    }

    private Optional<Object> contains(Element configuration, boolean present, String at) {
        if (text(configuration, "useRegEx").filter("true"::equals).isPresent()
                || text(configuration, "ignoreCase").filter("true"::equals).isPresent()) {
            notConverted.add(at + ": a regular expression or case-insensitive match");
            return Optional.empty();
        }
        Optional<String> token = text(configuration, "token").flatMap(t -> expand(t, at));
        return token.map(t -> Map.of(present ? "contains" : "not-contains", t));
    }

    private Optional<Object> xpathMatch(Element configuration, String at, Map<String, String> namespaces) {
        Optional<String> path = text(configuration, "path");
        Optional<String> content = text(configuration, "content").flatMap(c -> expand(c, at));
        if (path.isEmpty() || content.isEmpty()) {
            notConverted.add(at + ": XPath Match without path or expected content");
            return Optional.empty();
        }
        if (text(configuration, "allowWildcards").filter("true"::equals).isPresent() && content.get().contains("*")) {
            notConverted.add(at + ": expected content with wildcards");
            return Optional.empty();
        }
        return xpath(path.get(), at, namespaces).map(xpath -> {
            Map<String, Object> converted = new LinkedHashMap<>();
            converted.put("xpath", xpath);
            converted.put("equals", content.get());
            return converted;
        });
    }

    private void transfers(Element step, String where, Map<String, Map<String, Object>> stepsByName, Map<String, String> namespaces) {
        Element config = child(step, "config").orElse(null);
        for (Element transfer : config == null ? List.<Element>of() : children(config, "transfers")) {
            String name = text(transfer, "name").orElse("?");
            String at = where + " / transfer '" + name + "'";
            String sourceType = text(transfer, "sourceType").orElse("");
            String targetStep = text(transfer, "targetStep").orElse("");
            Map<String, Object> source = stepsByName.get(text(transfer, "sourceStep").orElse(""));
            Optional<String> target = text(transfer, "targetType").filter(t -> PLAIN.matcher(t).matches());
            if (!sourceType.equals("Response") || source == null || target.isEmpty() || !targetStep.matches("#(TestCase|TestSuite|Project)#")) {
                notConverted.add(at + ": only transfers from an earlier request step's Response into a test case, suite or project "
                        + "property are converted");
                continue;
            }
            Optional<String> xpath = text(transfer, "sourcePath").flatMap(p -> xpath(p, at, namespaces));
            xpath.ifPresent(x -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> transfers = (Map<String, Object>) source.computeIfAbsent("transfer", k -> new LinkedHashMap<String, Object>());
                transfers.put(target.get(), x);
            });
        }
    }

    /**
     * The expression without its {@code declare namespace} prolog, if XPath 1.0 compiles it. The prefixes go to the
     * suite's {@code namespaces}; one that a suite already uses for another namespace (each SoapUI request declares its
     * own) is renamed in the expression, to the suite's prefix of that namespace or a numbered one.
     */
    private Optional<String> xpath(String soapUiPath, String at, Map<String, String> namespaces) {
        Matcher m = DECLARE.matcher(soapUiPath);
        Map<String, String> declared = new LinkedHashMap<>();
        while (m.find()) {
            declared.put(m.group(1), m.group(2));
        }
        String expression = DECLARE.matcher(soapUiPath).replaceAll("").strip();
        Map<String, String> all = new LinkedHashMap<>(namespaces);
        for (Map.Entry<String, String> d : declared.entrySet()) {
            String prefix = d.getKey();
            String uri = d.getValue();
            String known = all.containsKey(prefix) ? all.get(prefix) : Namespaces.BUILT_IN.get(prefix);
            if (known == null) {
                all.put(prefix, uri);
            } else if (!known.equals(uri)) {
                String renamed = prefixFor(uri, all).orElseGet(() -> {
                    int n = 2;
                    while (all.containsKey(prefix + n) || Namespaces.BUILT_IN.containsKey(prefix + n)) {
                        n++;
                    }
                    return prefix + n;
                });
                all.putIfAbsent(renamed, uri);
                expression = expression.replaceAll("(?<![\\w.-])" + Pattern.quote(prefix) + ":", Matcher.quoteReplacement(renamed) + ":");
            }
        }
        try {
            SuiteXPath.compile(expression, Namespaces.with(all));
        } catch (XPathExpressionException e) {
            notConverted.add(at + ": XPath '" + expression + "' is not XPath 1.0");
            return Optional.empty();
        }
        namespaces.putAll(all);
        return Optional.of(expression);
    }

    private static Optional<String> prefixFor(String uri, Map<String, String> namespaces) {
        return Namespaces.with(namespaces).prefixes().entrySet().stream().filter(e -> e.getValue().equals(uri))
                .map(Map.Entry::getKey).sorted().findFirst();
    }

    /**
     * SoapUI's property expansions in our syntax: {@code ${#Project#x}}, {@code ${#TestSuite#x}}, {@code ${#TestCase#x}}
     * and {@code ${x}} become {@code ${x}}; a random UUID or the current date in Groovy become {@code ${uuid}} and
     * {@code ${now}}; any other expansion makes the text unconvertible.
     */
    private Optional<String> expand(String text, String at) {
        Matcher m = EXPANSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inside = m.group(1).strip();
            Matcher scoped = SCOPED.matcher(inside);
            String replacement;
            if (scoped.matches()) {
                replacement = "${" + scoped.group(2) + "}";
            } else if (PLAIN.matcher(inside).matches()) {
                replacement = "${" + inside + "}";
            } else if (GROOVY_UUID.matcher(inside).matches()) {
                replacement = "${uuid}";
            } else if (GROOVY_NOW.matcher(inside).matches()) {
                replacement = "${now}";
            } else {
                notConverted.add(at + ": property expansion '${" + inside + "}'");
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    private Map<String, String> properties(Element holder, String where) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Element list : children(holder, "properties")) {
            for (Element property : children(list, "property")) {
                String name = text(property, "name").orElse("");
                String value = text(property, "value").orElse("");
                if (!PLAIN.matcher(name).matches()) {
                    notConverted.add(where + ": property '" + name + "' (not a plain name)");
                    continue;
                }
                expand(value, where + ": property '" + name + "'").ifPresent(v -> properties.put(name, v));
            }
        }
        return properties;
    }

    private Optional<Integer> integer(Element configuration, String name, String at) {
        Optional<String> value = text(configuration, name);
        try {
            return value.map(Integer::parseInt).filter(v -> v > 0);
        } catch (NumberFormatException e) {
            notConverted.add(at + ": " + name + " '" + value.get() + "' is not a number");
            return Optional.empty();
        }
    }

    /** The text of a child element, which SoapUI writes in its own namespace or, in assertion configurations, in none. */
    private static Optional<String> text(Element parent, String localName) {
        if (parent == null) {
            return Optional.empty();
        }
        return SyncMessages.elementChildren(parent).stream().filter(e -> localName.equals(e.getLocalName()))
                .findFirst().map(Element::getTextContent);
    }

    private static Optional<Element> child(Element parent, String localName) {
        return children(parent, localName).stream().findFirst();
    }

    private static List<Element> children(Element parent, String localName) {
        return SyncMessages.elementChildren(parent).stream()
                .filter(e -> CON.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())).toList();
    }

    private static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "unnamed" : slug;
    }

    private static String yaml(Map<String, Object> suite) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(200).setIndent(2)
                .setIndicatorIndent(2).setIndentWithIndicator(true).build();
        return new Dump(settings).dumpToString(suite);
    }
}
