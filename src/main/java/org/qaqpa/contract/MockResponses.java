package org.qaqpa.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.YamlDocument;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Element;

/**
 * The answers of a mock service, from {@code DIR/responses.yaml}: per operation, rules tried in order,
 * the first whose {@code when} XPath is true on the request answering with its template (rendered with
 * {@code values} taken from the request and the generated values), signed if asked.
 */
record MockResponses(String key, List<Rule> rules) {

    static final String FILE_NAME = "responses.yaml";
    static final List<String> KEYS = List.of("key", "namespaces", "responses");
    static final List<String> RULE_KEYS = List.of("operation", "when", "file", "status", "sign", "values");

    /** One canned or templated answer. */
    record Rule(int line, String operation, Optional<SuiteXPath> when, String file, Template template, int status, boolean sign,
                Map<String, SuiteXPath> values) {
    }

    /** No responses directory: every operation answers with a fault saying so. */
    static MockResponses none() {
        return new MockResponses("echo", List.of());
    }

    /** Reads {@code dir/responses.yaml}; checks each operation against the WSDL's. @throws ConfigException FILE:LINE */
    static MockResponses read(Path dir, MockWsdl wsdl) {
        Path file = dir.resolve(FILE_NAME);
        String label = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(label, "not found: --responses names a directory holding " + FILE_NAME);
        }
        SuiteNode root = new SuiteNode(label, FILE_NAME, YamlDocument.read(file, label)
                .orElseThrow(() -> new ConfigException(label, "the file is empty")));
        Map<String, SuiteNode> top = root.mapping(KEYS);
        Namespaces namespaces = Namespaces.with(SuiteNode.get(top, "namespaces").map(SuiteNode::stringMap).orElse(Map.of()));
        List<Rule> rules = new ArrayList<>();
        for (SuiteNode node : SuiteNode.get(top, "responses").orElseThrow(() -> root.problem("missing key 'responses'")).list()) {
            rules.add(rule(node, dir, wsdl, namespaces));
        }
        return new MockResponses(SuiteNode.get(top, "key").map(SuiteNode::requiredText).orElse("echo"), List.copyOf(rules));
    }

    /** The first rule of {@code operation} that applies to the request. */
    Optional<Rule> match(String operation, Element requestEnvelope) {
        return rules.stream().filter(rule -> rule.operation().equals(operation))
                .filter(rule -> rule.when().map(when -> when.bool(requestEnvelope)).orElse(true)).findFirst();
    }

    private static Rule rule(SuiteNode node, Path dir, MockWsdl wsdl, Namespaces namespaces) {
        Map<String, SuiteNode> entries = node.mapping(RULE_KEYS);
        SuiteNode operationNode = SuiteNode.get(entries, "operation").orElseThrow(() -> node.problem("missing key 'operation'"));
        String operation = operationNode.requiredText();
        if (wsdl.operations().stream().noneMatch(o -> o.name().equals(operation))) {
            throw operationNode.problem("the WSDL has no operation '" + operation + "' (it has: "
                    + String.join(", ", wsdl.operations().stream().map(MockWsdl.Operation::name).toList()) + ")");
        }
        Map<String, SuiteXPath> values = new LinkedHashMap<>();
        SuiteNode.get(entries, "values").ifPresent(v -> v.mapping(List.of()).forEach((name, xpath) ->
                values.put(name, SuiteXPath.compile(xpath, xpath.requiredText(), namespaces))));
        SuiteNode fileNode = SuiteNode.get(entries, "file").orElseThrow(() -> node.problem("missing key 'file'"));
        String file = fileNode.requiredText();
        Path path = dir.resolve(file);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw fileNode.problem("response template '" + file + "' not found or unreadable (" + path + ")");
        }
        boolean fault;
        try {
            Element content = SyncMessages.bodyContent(RequestSigner.parse(text));
            fault = content != null && SyncMessages.SOAP.equals(content.getNamespaceURI()) && "Fault".equals(content.getLocalName());
        } catch (QaqpaFault e) {
            throw fileNode.problem("response template '" + file + "' is refused: " + e.getMessage());
        }
        Template template = new Template(text, true);
        Set<String> defined = new HashSet<>(values.keySet());
        defined.addAll(PropertyValues.GENERATED);
        template.references().stream().filter(r -> !defined.contains(r)).findFirst().ifPresent(r -> {
            throw fileNode.problem("response template '" + file + "' uses '${" + r + "}', which is neither in 'values' nor generated");
        });
        return new Rule(node.line(), operation,
                SuiteNode.get(entries, "when").map(w -> SuiteXPath.compile(w, w.requiredText(), namespaces)),
                file, template, SuiteNode.get(entries, "status").map(s -> s.integer(100)).orElse(fault ? 500 : 200),
                SuiteNode.get(entries, "sign").map(SuiteNode::bool).orElse(false), Map.copyOf(values));
    }
}
