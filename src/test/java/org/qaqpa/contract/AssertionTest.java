package org.qaqpa.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each assertion kind on canned answers: what passes, and what a failure reports as expected and actual. */
class AssertionTest {

    private static final String ANSWER = """
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
              <ns2:SendMessageResponse xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types"><response>
                <responseInfo><messageId>m-2</messageId><correlationId>m-1</correlationId>
                  <responseDate>2026-11-23T10:00:00.000+05:00</responseDate>
                  <status><code>Success</code><message>ok</message></status></responseInfo>
                <responseData><data><ping xmlns="urn:t">hello</ping></data></responseData>
              </response></ns2:SendMessageResponse>
            </soapenv:Body></soapenv:Envelope>""";
    private static final String FAULT = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
              <faultcode>soap:Client</faultcode><faultstring>No provider.</faultstring><detail>
                <ns2:SendMessageFault1_SendMessageFault xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types">
                  <errorCode>SERVICE_NOT_FOUND</errorCode><errorMessage>No provider.</errorMessage>
                  <errorDate>2026-11-23T10:00:00.000+05:00</errorDate></ns2:SendMessageFault1_SendMessageFault>
              </detail></soap:Fault></soap:Body></soap:Envelope>""";

    @TempDir
    Path dir;

    private final StepContext context = new StepContext(new PropertyValues(Map.of("id", "m-1"), Clock.systemUTC()),
            new RunResources(Path.of("no-data", "pki"), Clock.systemUTC()));

    @Test
    void checksStatusFaultAndNotFault() {
        Exchange answer = exchange(200, ANSWER);
        Exchange fault = exchange(500, FAULT);

        assertThat(new Assertion.Status(1, List.of(200)).check(answer, context).passed()).isTrue();
        assertThat(new Assertion.Status(1, List.of(200, 201)).check(fault, context))
                .extracting(AssertionResult::passed, AssertionResult::expected, AssertionResult::actual)
                .containsExactly(false, "HTTP 200 or 201", "HTTP 500");
        assertThat(new Assertion.NotFault(1).check(answer, context).passed()).isTrue();
        assertThat(new Assertion.NotFault(1).check(fault, context).actual()).isEqualTo("HTTP 500, fault SERVICE_NOT_FOUND: No provider.");
        assertThat(fault(Optional.of("SERVICE_NOT_FOUND")).check(fault, context).passed()).isTrue();
        assertThat(fault(Optional.empty()).check(fault, context).passed()).isTrue();
        assertThat(fault(Optional.of("SENDER_UNKNOWN")).check(fault, context))
                .extracting(AssertionResult::passed, AssertionResult::expected)
                .containsExactly(false, "a SOAP fault with errorCode SENDER_UNKNOWN");
        assertThat(fault(Optional.of("SERVICE_NOT_FOUND")).check(answer, context).actual()).isEqualTo("HTTP 200, SendMessageResponse");
    }

    @Test
    void checksXPathWithPropertiesCountAndExistence() {
        Exchange answer = exchange(200, ANSWER);

        assertThat(xpath("//responseInfo/correlationId", "equals", "${id}").check(answer, context).passed()).isTrue();
        assertThat(xpath("//responseInfo/status/code", "equals", "Failure").check(answer, context))
                .extracting(AssertionResult::expected, AssertionResult::actual).containsExactly("'Failure'", "'Success'");
        assertThat(xpath("//responseInfo/*", "count", "4").check(answer, context).passed()).isTrue();
        assertThat(xpath("//sync:SendMessageResponse", "exists", "true").check(answer, context).passed()).isTrue();
        assertThat(xpath("//sessionId", "exists", "true").check(answer, context))
                .extracting(AssertionResult::passed, AssertionResult::actual).containsExactly(false, "no node");
        assertThat(xpath("//x", "exists", "true").check(exchange(502, "<html>bad gateway"), context).actual())
                .startsWith("the answer is not XML");
    }

    @Test
    void checksTextTimeAndSchema() {
        Exchange answer = exchange(200, ANSWER);

        assertThat(new Assertion.Contains(1, new Template("hello", false), true).check(answer, context).passed()).isTrue();
        assertThat(new Assertion.Contains(1, new Template("hello", false), false).check(answer, context).passed()).isFalse();
        assertThat(new Assertion.MaxTime(1, 1000).check(answer, context).passed()).isTrue();
        assertThat(new Assertion.MaxTime(1, 10).check(answer, context).actual()).isEqualTo("42 ms");
        assertThat(new Assertion.SchemaValid(1).check(answer, context).passed()).isTrue();
        assertThat(new Assertion.SchemaValid(1).check(exchange(500, FAULT), context).passed()).isTrue();
        assertThat(new Assertion.SchemaValid(1).check(exchange(200, ANSWER.replace("<code>Success</code>", "")), context))
                .extracting(AssertionResult::passed, AssertionResult::actual)
                .satisfies(values -> assertThat(values.get(1).toString()).contains("does not match the contract schema"))
                .first().isEqualTo(false);
    }

    @Test
    void comparesSimilarXmlWithoutTheIgnoredNodes() throws Exception {
        Path expected = Files.writeString(dir.resolve("expected.xml"), """
                <x:SendMessageResponse xmlns:x="http://bip.bee.kz/SyncChannel/v10/Types">
                  <!-- ids and dates differ at every call -->
                  <response><responseInfo><messageId>other</messageId><correlationId>other</correlationId>
                    <responseDate>2020-01-01T00:00:00Z</responseDate>
                    <status><code>Success</code><message>ok</message></status></responseInfo>
                  <responseData><data><p:ping xmlns:p="urn:t">hello</p:ping></data></responseData></response>
                </x:SendMessageResponse>""");
        Assertion similar = similar(expected, List.of("//messageId", "//correlationId", "//responseDate"));

        assertThat(similar.check(exchange(200, ANSWER), context).passed()).isTrue();
        AssertionResult different = similar.check(exchange(200, ANSWER.replace(">hello<", ">bye<")), context);
        assertThat(different.passed()).isFalse();
        assertThat(different.actual()).contains("/SendMessageResponse[1]/response[1]/responseData[1]/data[1]/ping[1]/text()[1]")
                .contains("expected hello, got bye");
        assertThat(similar(expected, List.of()).check(exchange(200, ANSWER), context).actual()).contains("expected other, got m-2");
    }

    @Test
    void failsAPollThatNeverHoldsAndATransferThatSelectsNothing() throws Exception {
        Path fixture = ContractGateway.suitesDir().resolve("mock");
        Path suiteFile = Files.writeString(dir.resolve("poll-and-transfer.yaml"), """
                suite: Poll and transfer
                signing: none
                test-cases:
                  - name: poll
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><findPerson xmlns="urn:qaqpa:fixture:registry"><iin>123456789011</iin></findPerson></soapenv:Body></soapenv:Envelope>
                        poll: {until: "//nothing", timeout: 300ms, interval: 100ms}
                  - name: transfer
                    steps:
                      - request: <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><findPerson xmlns="urn:qaqpa:fixture:registry"><iin>123456789011</iin></findPerson></soapenv:Body></soapenv:Envelope>
                        transfer: {id: //nothing}
                """);
        try (MockServer mock = MockServer.start(fixture.resolve("fixture/RegistryService.wsdl"),
                Optional.of(fixture.resolve("fixture-responses")), 0, dir, line -> { })) {
            Suite suite = new SuiteReader(Set.of()).read(suiteFile);
            Results.SuiteResult result = new SuiteRunner(Optional.of(mock.baseUrl().toString()), Map.of(),
                    new RunResources(dir.resolve("pki"), Clock.systemUTC())).run(suite);

            assertThat(result.cases().get(0).failedStep().orElseThrow().failure())
                    .matches("poll: '//nothing' still false after 300 ms \\([0-9]+ requests\\); last answer: HTTP 200, findPersonResponse");
            assertThat(result.cases().get(1).failedStep().orElseThrow().failure())
                    .isEqualTo("transfer 'id': '//nothing' selects nothing in the answer (HTTP 200, findPersonResponse)");
        }
    }

    private Assertion similar(Path expected, List<String> ignore) {
        Namespaces namespaces = Namespaces.with(Map.of());
        return new Assertion.SimilarTo(1, "expected.xml", new SimilarXml(RequestSigner.parse(readString(expected)), Optional.empty(),
                ignore.stream().map(x -> compile(x, namespaces)).toList()));
    }

    private static Assertion fault(Optional<String> code) {
        return new Assertion.Fault(1, code.map(c -> new Template(c, false)));
    }

    private static Assertion xpath(String expression, String operator, String value) {
        return new Assertion.XPathCheck(1, compile(expression, Namespaces.with(Map.of())), operator, new Template(value, false));
    }

    private static SuiteXPath compile(String expression, Namespaces namespaces) {
        try {
            return new SuiteXPath(expression, SuiteXPath.compile(expression, namespaces));
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Exchange exchange(int status, String body) {
        return Exchange.answered("http://127.0.0.1/x", new byte[0], status, body.getBytes(StandardCharsets.UTF_8), 42);
    }
}
