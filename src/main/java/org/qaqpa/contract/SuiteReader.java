package org.qaqpa.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.YamlDocument;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads a suite file and everything it names (request templates, expected documents), refusing the
 * first problem with {@code FILE:LINE: problem}: unknown keys and assertions, XPath that does not
 * compile, missing files, templates that are not well-formed or use a DTD, entities or processing
 * instructions (the gateway's own XML guard), references to properties no one sets.
 */
public final class SuiteReader {

    static final List<String> SUITE_KEYS = List.of("suite", "endpoint", "properties", "namespaces", "signing", "test-cases");
    static final List<String> CASE_KEYS = List.of("name", "steps");
    static final List<String> STEP_KEYS = List.of("name", "endpoint", "operation", "set", "request", "signing", "after-signing",
            "assertions", "transfer", "poll");
    static final List<String> SIGNING_KEYS = List.of("key", "transport", "data");
    static final List<String> POLL_KEYS = List.of("until", "timeout", "interval");
    static final List<String> REPLACEMENT_KEYS = List.of("pattern", "replace", "with");
    /** The assertion kinds: each assertion item has exactly one of these keys. */
    static final List<String> ASSERTION_KINDS = List.of("status", "fault", "not-fault", "xpath", "contains", "not-contains",
            "max-time", "schema-valid", "signature-valid", "similar-to");
    /** Keys that qualify an assertion kind. */
    static final Map<String, List<String>> ASSERTION_OPTIONS = Map.of(
            "xpath", List.of("equals", "exists", "count"),
            "similar-to", List.of("ignore", "select"));
    static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    private final Set<String> givenProperties;

    /** @param givenProperties names set from outside ({@code --property}), which templates may use undeclared */
    public SuiteReader(Set<String> givenProperties) {
        this.givenProperties = Set.copyOf(givenProperties);
    }

    /** @throws ConfigException at the first problem */
    Suite read(Path file) {
        String label = file.toString();
        SuiteNode root = new SuiteNode(label, "suite file", YamlDocument.read(file, label)
                .orElseThrow(() -> new ConfigException(label, "the suite file is empty")));
        Map<String, SuiteNode> top = root.mapping(SUITE_KEYS);
        SuiteNode name = require(root, top, "suite");
        Map<String, String> properties = SuiteNode.get(top, "properties").map(SuiteReader::properties).orElse(Map.of());
        Namespaces namespaces = Namespaces.with(SuiteNode.get(top, "namespaces").map(SuiteNode::stringMap).orElse(Map.of()));
        Signing signing = SuiteNode.get(top, "signing").map(node -> signing(node, Signing.DEFAULT)).orElse(Signing.DEFAULT);
        Path dir = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        Set<String> suiteProperties = new HashSet<>(properties.keySet());
        suiteProperties.addAll(givenProperties);
        suiteProperties.addAll(PropertyValues.GENERATED);
        List<Suite.TestCase> cases = new ArrayList<>();
        Set<String> caseNames = new HashSet<>();
        for (SuiteNode caseNode : require(root, top, "test-cases").list()) {
            Map<String, SuiteNode> entries = caseNode.mapping(CASE_KEYS);
            String caseName = require(caseNode, entries, "name").requiredText();
            if (!caseNames.add(caseName)) {
                throw caseNode.problem("duplicate test case name '" + caseName + "'");
            }
            StepReader steps = new StepReader(dir, namespaces, signing, new HashSet<>(suiteProperties));
            List<Step> list = new ArrayList<>();
            for (SuiteNode stepNode : require(caseNode, entries, "steps").list()) {
                list.add(steps.step(stepNode));
            }
            if (list.isEmpty()) {
                throw caseNode.problem("test case '" + caseName + "' has no steps");
            }
            cases.add(new Suite.TestCase(caseName, caseNode.line(), List.copyOf(list)));
        }
        if (cases.isEmpty()) {
            throw root.problem("the suite has no test cases");
        }
        return new Suite(file, name.requiredText(), SuiteNode.get(top, "endpoint").map(SuiteNode::requiredText),
                properties, List.copyOf(cases));
    }

    /** The suite's properties; their values may use the generated values only, so no property depends on another. */
    private static Map<String, String> properties(SuiteNode node) {
        Map<String, String> properties = new LinkedHashMap<>();
        node.mapping(List.of()).forEach((name, value) -> {
            Template template = new Template(value.text(), false);
            template.references().stream().filter(reference -> !PropertyValues.GENERATED.contains(reference)).findFirst()
                    .ifPresent(reference -> {
                        throw value.problem("suite property '" + name + "' refers to '${" + reference + "}'; suite properties may"
                                + " only use the generated values " + String.join(", ", PropertyValues.GENERATED)
                                + " (set others in a step's 'set')");
                    });
            properties.put(name, value.text());
        });
        return properties;
    }

    private static SuiteNode require(SuiteNode parent, Map<String, SuiteNode> entries, String key) {
        return SuiteNode.get(entries, key).orElseThrow(() -> parent.problem("missing key '" + key + "'"));
    }

    private static Signing signing(SuiteNode node, Signing inherited) {
        if (node.isScalar()) {
            if (node.text().equals("none")) {
                return Signing.NONE;
            }
            throw node.problem("'signing' must be 'none' or a mapping (keys: " + String.join(", ", SIGNING_KEYS) + ")");
        }
        Map<String, SuiteNode> entries = node.mapping(SIGNING_KEYS);
        return new Signing(SuiteNode.get(entries, "key").map(SuiteNode::requiredText).orElse(inherited.key()),
                SuiteNode.get(entries, "transport").map(SuiteNode::bool).orElse(true),
                SuiteNode.get(entries, "data").map(SuiteNode::requiredText));
    }

    /** Reads the steps of one test case, keeping track of the properties they define for those after them. */
    private static final class StepReader {

        private final Path dir;
        private final Namespaces namespaces;
        private final Signing suiteSigning;
        private final Set<String> defined;

        StepReader(Path dir, Namespaces namespaces, Signing suiteSigning, Set<String> defined) {
            this.dir = dir;
            this.namespaces = namespaces;
            this.suiteSigning = suiteSigning;
            this.defined = defined;
        }

        Step step(SuiteNode node) {
            Map<String, SuiteNode> entries = node.mapping(STEP_KEYS);
            Map<String, Template> set = new LinkedHashMap<>();
            SuiteNode.get(entries, "set").ifPresent(setNode -> setNode.mapping(List.of()).forEach((name, value) -> {
                set.put(name, checked(value, new Template(value.text(), false)));
                defined.add(name);
            }));
            SuiteNode requestNode = require(node, entries, "request");
            Template request = checked(requestNode, template(requestNode));
            Element operationElement = SyncMessages.bodyContent(RequestSigner.parse(request.text()));
            String operation = SuiteNode.get(entries, "operation").map(SuiteNode::requiredText)
                    .orElse(operationElement == null ? "" : operationElement.getLocalName());
            String name = SuiteNode.get(entries, "name").map(SuiteNode::requiredText)
                    .orElse(operation.isEmpty() ? "step at line " + node.line() : operation);
            Signing signing = SuiteNode.get(entries, "signing").map(s -> signing(s, suiteSigning)).orElse(suiteSigning);
            List<Replacement> afterSigning = new ArrayList<>();
            SuiteNode.get(entries, "after-signing").ifPresent(list -> list.list().forEach(item -> afterSigning.add(replacement(item))));
            List<Assertion> assertions = new ArrayList<>();
            SuiteNode.get(entries, "assertions").ifPresent(list -> list.list().forEach(item -> assertions.add(assertion(item))));
            Optional<Step.Poll> poll = SuiteNode.get(entries, "poll").map(this::poll);
            Map<String, SuiteXPath> transfer = new LinkedHashMap<>();
            SuiteNode.get(entries, "transfer").ifPresent(t -> t.mapping(List.of()).forEach((property, xpath) -> {
                transfer.put(property, SuiteXPath.compile(xpath, xpath.requiredText(), namespaces));
                defined.add(property);
            }));
            return new Step(name, node.line(), SuiteNode.get(entries, "endpoint").map(SuiteNode::requiredText).orElse(""),
                    operation, Map.copyOf(set), request, signing, List.copyOf(afterSigning), List.copyOf(assertions),
                    Map.copyOf(transfer), poll);
        }

        /** {@code request:} an inline envelope (starting with {@code <}) or the path of a template file. */
        private Template template(SuiteNode node) {
            String value = node.requiredText();
            String text = value.strip().startsWith("<") ? value : readFile(node, value, "request template");
            try {
                RequestSigner.parse(text);
            } catch (QaqpaFault e) {
                throw node.problem((text == value ? "the inline request" : "request template '" + value + "'")
                        + " is refused: " + e.getMessage());
            }
            return new Template(text, true);
        }

        private String readFile(SuiteNode node, String name, String what) {
            Path path = dir.resolve(name);
            if (!Files.isRegularFile(path)) {
                throw node.problem(what + " '" + name + "' not found (" + path + ")");
            }
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw node.problem("cannot read " + what + " '" + name + "': " + e.getMessage());
            }
        }

        private Template checked(SuiteNode node, Template template) {
            for (String reference : template.references()) {
                if (!defined.contains(reference)) {
                    throw node.problem("'${" + reference + "}' names a property that is not set: not in the suite's"
                            + " 'properties', no earlier 'set' or 'transfer' of this test case, not given with --property");
                }
            }
            return template;
        }

        private Replacement replacement(SuiteNode node) {
            Map<String, SuiteNode> entries = node.mapping(REPLACEMENT_KEYS);
            String with = require(node, entries, "with").text();
            Optional<SuiteNode> pattern = SuiteNode.get(entries, "pattern");
            Optional<SuiteNode> literal = SuiteNode.get(entries, "replace");
            if (pattern.isPresent() == literal.isPresent()) {
                throw node.problem("an 'after-signing' item needs exactly one of 'pattern' (a regular expression) or 'replace' (a text)");
            }
            if (literal.isPresent()) {
                return Replacement.literal(literal.get().requiredText(), with);
            }
            try {
                return new Replacement(Pattern.compile(pattern.get().requiredText()), with);
            } catch (PatternSyntaxException e) {
                throw pattern.get().problem("'pattern' is not a regular expression: " + e.getDescription());
            }
        }

        private Step.Poll poll(SuiteNode node) {
            Map<String, SuiteNode> entries = node.mapping(POLL_KEYS);
            SuiteNode until = require(node, entries, "until");
            return new Step.Poll(SuiteXPath.compile(until, until.requiredText(), namespaces),
                    SuiteNode.get(entries, "timeout").map(SuiteNode::duration).orElse(DEFAULT_POLL_TIMEOUT),
                    SuiteNode.get(entries, "interval").map(SuiteNode::duration).orElse(DEFAULT_POLL_INTERVAL));
        }

        private Assertion assertion(SuiteNode node) {
            if (!node.isMapping()) {
                throw node.problem("an assertion must be a mapping with one of: " + String.join(", ", ASSERTION_KINDS));
            }
            Map<String, SuiteNode> entries = node.mapping(List.of());
            List<String> kinds = entries.keySet().stream().filter(ASSERTION_KINDS::contains).toList();
            if (kinds.size() != 1) {
                String unknown = entries.keySet().stream().filter(k -> !ASSERTION_KINDS.contains(k)
                        && ASSERTION_OPTIONS.values().stream().noneMatch(options -> options.contains(k))).findFirst().orElse(null);
                throw node.problem(unknown != null
                        ? "unknown assertion '" + unknown + "' (known: " + String.join(", ", ASSERTION_KINDS) + ")"
                        : "an assertion needs exactly one of " + String.join(", ", ASSERTION_KINDS) + ", got "
                        + (kinds.isEmpty() ? "none" : String.join(", ", kinds)));
            }
            String kind = kinds.get(0);
            List<String> allowed = new ArrayList<>(ASSERTION_OPTIONS.getOrDefault(kind, List.of()));
            allowed.add(kind);
            Map<String, SuiteNode> options = node.mapping(allowed);
            SuiteNode value = options.get(kind);
            int line = value.line();
            return switch (kind) {
                case "status" -> new Assertion.Status(line, value.isScalar() ? List.of(value.integer(100))
                        : value.list().stream().map(item -> item.integer(100)).toList());
                case "fault" -> value.text().equals("true") ? new Assertion.Fault(line, Optional.empty())
                        : new Assertion.Fault(line, Optional.of(checked(value, new Template(value.requiredText(), false))));
                case "not-fault" -> {
                    requireTrue(value);
                    yield new Assertion.NotFault(line);
                }
                case "xpath" -> xpath(node, options, value);
                case "contains", "not-contains" ->
                        new Assertion.Contains(line, checked(value, new Template(value.requiredText(), false)), kind.equals("contains"));
                case "max-time" -> new Assertion.MaxTime(line, value.integer(1));
                case "schema-valid" -> {
                    requireTrue(value);
                    yield new Assertion.SchemaValid(line);
                }
                case "signature-valid" -> {
                    requireTrue(value);
                    yield new Assertion.SignatureValid(line);
                }
                default -> similarTo(options, value);
            };
        }

        private Assertion xpath(SuiteNode node, Map<String, SuiteNode> options, SuiteNode value) {
            SuiteXPath xpath = SuiteXPath.compile(value, value.requiredText(), namespaces);
            List<String> operators = options.keySet().stream().filter(k -> !k.equals("xpath")).toList();
            if (operators.size() > 1) {
                throw node.problem("an xpath assertion takes one of equals, exists, count; got " + String.join(", ", operators));
            }
            if (operators.isEmpty()) {
                return new Assertion.XPathCheck(value.line(), xpath, "exists", new Template("true", false));
            }
            String operator = operators.get(0);
            SuiteNode operand = options.get(operator);
            Template expected = switch (operator) {
                case "exists" -> new Template(String.valueOf(operand.bool()), false);
                case "count" -> new Template(String.valueOf(operand.integer(0)), false);
                default -> checked(operand, new Template(operand.text(), false));
            };
            return new Assertion.XPathCheck(value.line(), xpath, operator, expected);
        }

        private Assertion similarTo(Map<String, SuiteNode> options, SuiteNode value) {
            String file = value.requiredText();
            String text = readFile(value, file, "expected document");
            Document expected;
            try {
                expected = RequestSigner.parse(text);
            } catch (QaqpaFault e) {
                throw value.problem("expected document '" + file + "' is refused: " + e.getMessage());
            }
            Optional<SuiteXPath> select = SuiteNode.get(options, "select")
                    .map(s -> SuiteXPath.compile(s, s.requiredText(), namespaces));
            List<SuiteXPath> ignore = SuiteNode.get(options, "ignore")
                    .map(list -> list.list().stream().map(i -> SuiteXPath.compile(i, i.requiredText(), namespaces)).toList())
                    .orElse(List.of());
            return new Assertion.SimilarTo(value.line(), file, new SimilarXml(expected, select, ignore));
        }

        private static void requireTrue(SuiteNode value) {
            if (!value.bool()) {
                throw value.problem("'" + value.key() + "' can only be true (leave the assertion out instead)");
            }
        }
    }
}
