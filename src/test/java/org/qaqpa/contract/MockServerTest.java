package org.qaqpa.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.ConfigException;
import org.qaqpa.e2e.TestGateway;

/**
 * {@code qaqpa contract mock}: our own WSDLs and a fixture WSDL spread over several files are read
 * with all their imports; the mock answers by operation and XPath, serves its WSDL's files, and the
 * gateway routes a service to it as to any provider.
 */
@ExtendWith(ContractGateway.class)
class MockServerTest {

    private static final Path MOCK = ContractGateway.suitesDir().resolve("mock");
    private static final Path FIXTURE = MOCK.resolve("fixture/RegistryService.wsdl");
    private static final String SYNC_TYPES = "http://bip.bee.kz/SyncChannel/v10/Types";
    private static final String ASYNC_TYPES = "http://bip.bee.kz/AsyncChannel/v10/Types";

    @TempDir
    Path dir;

    @Test
    void readsTheOperationsOfOurOwnWsdls() {
        MockWsdl sync = MockWsdl.read(TestGateway.projectDir().resolve("wsdl/SyncChannel/v10/SyncChannelHttp_Service.wsdl"));
        assertThat(sync.operations()).containsExactly(new MockWsdl.Operation("SendMessage",
                new QName(SYNC_TYPES, "SendMessage"), new QName(SYNC_TYPES, "SendMessageResponse")));
        assertThat(sync.documents()).extracting(p -> p.getFileName().toString())
                .contains("SyncChannelHttp_Service.wsdl", "ISyncChannel.wsdl", "Types.xsd", "Request.xsd", "Response.xsd");

        MockWsdl async = MockWsdl.read(TestGateway.projectDir().resolve("wsdl/AsyncChannel/v10/AsyncChannelHttp_Service.wsdl"));
        assertThat(async.operations()).extracting(MockWsdl.Operation::name)
                .containsExactlyInAnyOrder("sendMessage", "sendDeliveryNotification", "getMessageStatus", "getMessages");
        assertThat(async.operationFor(new QName(ASYNC_TYPES, "getMessages"))).get()
                .extracting(MockWsdl.Operation::output).isEqualTo(new QName(ASYNC_TYPES, "getMessagesResponse"));
    }

    @Test
    void readsAWsdlSpreadOverSeveralFiles() {
        MockWsdl wsdl = MockWsdl.read(FIXTURE);

        assertThat(wsdl.operations()).containsExactly(
                new MockWsdl.Operation("FindPerson", new QName("urn:qaqpa:fixture:registry", "findPerson"),
                        new QName("urn:qaqpa:fixture:registry", "findPersonResponse")),
                new MockWsdl.Operation("RegisterAddress", new QName("urn:qaqpa:fixture:registry", "registerAddress"),
                        new QName("urn:qaqpa:fixture:registry", "registerAddressResponse")));
        assertThat(wsdl.documents()).extracting(p -> MOCK.resolve("fixture").relativize(p).toString()).containsExactlyInAnyOrder(
                "RegistryService.wsdl", "interface/RegistryPortType.wsdl", "interface/RegistryMessages.wsdl",
                "xsd/Registry.xsd", "xsd/common/Person.xsd");
    }

    @Test
    void answersEachOperationOfTheFixtureByXPathAndServesItsFiles() throws Exception {
        try (MockServer mock = MockServer.start(FIXTURE, Optional.of(MOCK.resolve("fixture-responses")), 0, dir, line -> { })) {
            Suite suite = new SuiteReader(Set.of()).read(MOCK.resolve("fixture-suite.yaml"));
            Results.SuiteResult result = ContractGateway.runner(mock.baseUrl().toString()).run(suite);
            assertThat(result.cases()).allSatisfy(c -> assertThat(c.passed()).as(c.testCase().name() + ": "
                    + c.failedStep().map(Results.StepResult::failure).orElse("")).isTrue());

            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> wsdl = http.send(HttpRequest.newBuilder(mock.baseUrl().resolve("/?wsdl")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wsdl.statusCode()).isEqualTo(200);
            assertThat(wsdl.body()).contains("<wsdl:import namespace=\"urn:qaqpa:fixture:registry:interface\" location=\"interface/RegistryPortType.wsdl\"/>");
            // the imports, relative to the WSDL's address, as a client resolves them
            URI imported = wsdl.uri().resolve("interface/RegistryPortType.wsdl").resolve("RegistryMessages.wsdl").resolve("../xsd/Registry.xsd")
                    .resolve("common/Person.xsd");
            assertThat(http.send(HttpRequest.newBuilder(imported).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("name=\"Person\"");
            // nothing but the WSDL's own documents: Jetty refuses the dot segments, the mock what it did not read
            assertThat(http.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "../fixture-responses/responses.yaml")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(400, 404);
            assertThat(http.send(HttpRequest.newBuilder(mock.baseUrl().resolve("/interface/nothing.xsd")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theGatewayRoutesToAMockAsToAnyProvider() {
        Suite suite = new SuiteReader(Set.of()).read(MOCK.resolve("gateway-to-mock.yaml"));

        Results.SuiteResult result = ContractGateway.runner().run(suite);

        assertThat(result.cases()).allSatisfy(c -> assertThat(c.passed()).as(c.testCase().name() + ": "
                + c.failedStep().map(s -> s.failure() + s.exchange().map(e -> "\n" + e.responseText()).orElse("")).orElse(""))
                .isTrue());
    }

    @Test
    void refusesResponsesForAnOperationTheWsdlLacks() throws Exception {
        Files.writeString(dir.resolve("responses.yaml"), """
                responses:
                  - operation: DeletePerson
                    file: x.xml
                """);

        assertThatThrownBy(() -> MockServer.start(FIXTURE, Optional.of(dir), 0, dir, line -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("responses.yaml") + ":2: the WSDL has no operation 'DeletePerson' (it has: FindPerson, RegisterAddress)");
    }

    @Test
    void refusesAResponseTemplateWithADtd() throws Exception {
        Files.writeString(dir.resolve("responses.yaml"), """
                responses:
                  - operation: FindPerson
                    file: evil.xml
                """);
        Files.writeString(dir.resolve("evil.xml"), "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");

        assertThatThrownBy(() -> MockServer.start(FIXTURE, Optional.of(dir), 0, dir, line -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("responses.yaml") + ":3: response template 'evil.xml' is refused: A DTD (DOCTYPE) is not allowed.");
    }
}
