package org.qaqpa.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.ConfigException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reading suites: what a suite means, and bad suites refused before anything is sent, with file, line and problem. */
class SuiteReaderTest {

    private static final String REQUEST = """
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
              <ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types"><request><x>${messageId}</x></request></ns2:SendMessage>
            </soapenv:Body></soapenv:Envelope>
            """;

    @TempDir
    Path dir;

    @Test
    void readsStepsAssertionsAndTheOperationOfTheTemplate() throws IOException {
        Files.writeString(dir.resolve("request.xml"), REQUEST);
        Suite suite = read("""
                suite: One
                properties:
                  when: ${now}
                test-cases:
                  - name: first
                    steps:
                      - endpoint: /bip-sync/
                        set: {messageId: "${uuid}"}
                        request: request.xml
                        assertions:
                          - status: [200, 500]
                          - xpath: //x
                            equals: ${messageId}
                          - fault: SERVICE_NOT_FOUND
                        transfer:
                          answer: //x
                      - request: request.xml
                        signing: none
                        assertions:
                          - contains: ${answer}
                """);

        Step first = suite.testCases().get(0).steps().get(0);
        assertThat(first.operation()).isEqualTo("SendMessage");
        assertThat(first.name()).isEqualTo("SendMessage");
        assertThat(first.signing()).isEqualTo(Signing.DEFAULT);
        assertThat(first.assertions()).extracting(Assertion::describe)
                .containsExactly("status [200, 500]", "xpath //x equals ${messageId}", "fault SERVICE_NOT_FOUND");
        assertThat(first.assertions()).extracting(Assertion::line).containsExactly(11, 12, 14);
        assertThat(suite.testCases().get(0).steps().get(1).signing().signs()).isFalse();
    }

    @Test
    void rendersGeneratedValuesAnewAtEachUse() {
        PropertyValues values = new PropertyValues(Map.of("id", "${uuid}"), Clock.systemUTC());
        Template template = new Template("<a>${id}</a><b>${id}</b><c>${guid}</c><d>$${kept}</d>", true);

        String rendered = template.render(values);

        assertThat(rendered).matches("<a>[0-9a-f-]{36}</a><b>[0-9a-f-]{36}</b><c>\\{[0-9a-f-]{36}}</c><d>\\$\\{kept}</d>");
        assertThat(rendered.substring(3, 39)).isNotEqualTo(rendered.substring(46, 82));
        assertThat(new Template("<a>${x}</a>", true).render(new PropertyValues(Map.of("x", "a<b&"), Clock.systemUTC())))
                .isEqualTo("<a>a&lt;b&amp;</a>");
    }

    @Test
    void refusesAnUnknownAssertion() {
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>
                        assertions:
                          - status: 200
                          - looks-fine: true
                """, 8, "unknown assertion 'looks-fine' (known: status, fault, not-fault, xpath,");
    }

    @Test
    void refusesAnXPathSyntaxError() {
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>
                        assertions:
                          - xpath: //responseInfo[[status
                            equals: x
                """, 7, "XPath '//responseInfo[[status' does not compile");
    }

    @Test
    void refusesAnXPathWithAnUndeclaredPrefix() {
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>
                        transfer:
                          id: //nope:messageId
                """, 7, "XPath '//nope:messageId' does not compile");
    }

    @Test
    void refusesAMissingTemplateFile() {
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - endpoint: /bip-sync/
                        request: requests/missing.xml
                """, 6, "request template 'requests/missing.xml' not found");
    }

    @Test
    void refusesAMissingExpectedFile() {
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>
                        assertions:
                          - similar-to: expected/missing.xml
                """, 7, "expected document 'expected/missing.xml' not found");
    }

    @Test
    void refusesATemplateWithADtd() throws IOException {
        Files.writeString(dir.resolve("evil.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>&xxe;</soapenv:Body></soapenv:Envelope>
                """);
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: evil.xml
                """, 5, "request template 'evil.xml' is refused: A DTD (DOCTYPE) is not allowed.");
    }

    @Test
    void refusesAnInlineTemplateWithAProcessingInstruction() {
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><?x y?></soapenv:Envelope>
                """, 5, "the inline request is refused:");
    }

    @Test
    void refusesAPropertyNoOneSets() {
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">${nobody}</soapenv:Envelope>
                """, 5, "'${nobody}' names a property that is not set");
    }

    @Test
    void acceptsAPropertyGivenFromOutside() throws IOException {
        Path file = Files.writeString(dir.resolve("suite.yaml"), """
                suite: Given
                test-cases:
                  - name: first
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">${given}</soapenv:Envelope>
                """);
        assertThat(new SuiteReader(Set.of("given")).read(file).testCases()).hasSize(1);
    }

    @Test
    void refusesAnUnknownStepKey() {
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>
                        asertions: []
                """, 6, "unknown key 'asertions' in 'steps'");
    }

    @Test
    void refusesTwoAssertionKindsInOneItem() {
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>
                        assertions:
                          - status: 200
                            fault: true
                """, 7, "an assertion needs exactly one of");
    }

    @Test
    void refusesABadRegularExpression() {
        assertRefused("""
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>
                        after-signing:
                          - pattern: "(unclosed"
                            with: x
                """, 7, "'pattern' is not a regular expression");
    }

    @Test
    void refusesYamlThatDoesNotParse() {
        assertRefused("suite: Bad\ntest-cases: [\n", 3, "not valid YAML");
    }

    /** The JSON Schema for editors describes exactly the keys the reader accepts. */
    @Test
    @SuppressWarnings("unchecked")
    void theJsonSchemaListsTheKeysTheReaderKnows() throws IOException {
        Map<String, Object> schema;
        try (InputStream in = SuiteReader.class.getClassLoader().getResourceAsStream("contract/suite.schema.json")) {
            schema = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
        Map<String, Object> defs = (Map<String, Object>) schema.get("$defs");
        assertThat(keys(schema)).containsExactlyElementsOf(SuiteReader.SUITE_KEYS);
        assertThat(keys((Map<String, Object>) defs.get("testCase"))).containsExactlyElementsOf(SuiteReader.CASE_KEYS);
        Map<String, Object> step = (Map<String, Object>) defs.get("step");
        assertThat(keys(step)).containsExactlyElementsOf(SuiteReader.STEP_KEYS);
        assertThat(keys((Map<String, Object>) ((Map<String, Object>) step.get("properties")).get("poll")))
                .containsExactlyElementsOf(SuiteReader.POLL_KEYS);
        List<Object> signing = (List<Object>) ((Map<String, Object>) defs.get("signing")).get("oneOf");
        assertThat(keys((Map<String, Object>) signing.get(1))).containsExactlyElementsOf(SuiteReader.SIGNING_KEYS);
        List<String> kinds = new ArrayList<>();
        for (Object variant : (List<Object>) ((Map<String, Object>) defs.get("assertion")).get("oneOf")) {
            Map<String, Object> v = (Map<String, Object>) variant;
            String kind = ((List<String>) v.get("required")).get(0);
            kinds.add(kind);
            List<String> options = new ArrayList<>(keys(v));
            options.remove(kind);
            assertThat(options).as(kind).containsExactlyInAnyOrderElementsOf(SuiteReader.ASSERTION_OPTIONS.getOrDefault(kind, List.of()));
        }
        assertThat(kinds).containsExactlyElementsOf(SuiteReader.ASSERTION_KINDS);
    }

    @SuppressWarnings("unchecked")
    private static List<String> keys(Map<String, Object> objectSchema) {
        return List.copyOf(((Map<String, Object>) objectSchema.get("properties")).keySet());
    }

    private Suite read(String yaml) throws IOException {
        return new SuiteReader(Set.of()).read(Files.writeString(dir.resolve("suite.yaml"), yaml));
    }

    private void assertRefused(String yaml, int line, String problem) {
        Path file = dir.resolve("suite.yaml");
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":" + line + ": ")
                .hasMessageContaining(problem);
    }
}
