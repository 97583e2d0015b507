package org.qaqpa.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qaqpa contract import-soapui} on a SoapUI project written by hand for our channels: what it
 * converts, what it lists as not converted, and that the converted suite passes against the gateway.
 */
@ExtendWith(ContractGateway.class)
class SoapUiImportTest {

    private static final Path PROJECT = ContractGateway.suitesDir().resolve("soapui/qaqpa-channels-soapui-project.xml");

    @TempDir
    Path out;

    @Test
    void convertsTheProjectAndTheConvertedSuitePassesAgainstTheGateway() throws Exception {
        SoapUiImport.Outcome outcome = SoapUiImport.convert(PROJECT, out);

        assertThat(outcome.suites()).containsExactly(out.resolve("qaqpa-channels.yaml"));
        String prefix = "Qaqpa channels / ";
        assertThat(outcome.notConverted()).containsExactly(
                prefix + "Echo answers SendMessage / Log the answer: step type 'groovy'",
                prefix + "Unknown service is refused / SendMessage to a service that does not exist / assertion 'sessionId looks right': "
                        + "assertion type 'Script Assertion'",
                prefix + "Wrong password is refused / SendMessage with a wrong password / assertion 'mentions the password, any case': "
                        + "a regular expression or case-insensitive match",
                prefix + "Async message is accepted and its status known / Wait a little: step type 'delay'",
                prefix + "Load check (disabled): disabled test case");

        Suite suite = new SuiteReader(Set.of()).read(outcome.suites().get(0));
        assertThat(suite.endpoint()).contains("http://127.0.0.1:8080");
        assertThat(suite.properties()).containsEntry("senderId", "dev-client").containsEntry("serviceId", "TEST_SERVICE_ID");
        assertThat(suite.testCases()).hasSize(5);
        Set<String> kinds = suite.testCases().stream().flatMap(c -> c.steps().stream()).flatMap(s -> s.assertions().stream())
                .map(a -> a.getClass().getSimpleName()).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder("XPathCheck", "NotFault", "Fault", "SchemaValid", "MaxTime", "Contains", "Status");
        Step send = suite.testCases().get(3).steps().get(0);
        assertThat(send.transfer()).containsOnlyKeys("messageId");
        assertThat(send.transfer().get("messageId").text()).isEqualTo("//async:sendMessageResponse/response/messageId");
        assertThat(Files.readString(out.resolve("requests/qaqpa-channels/01-sendmessage-to-the-echo.xml")))
                .contains("<messageId>${uuid}</messageId>", "<serviceId>${serviceId}</serviceId>", "<messageDate>${now}</messageDate>",
                        "<data>${greeting}</data>");

        Results.SuiteResult result = ContractGateway.runner().run(suite);

        assertThat(result.cases()).allSatisfy(c -> assertThat(c.passed()).as(c.testCase().name() + ": "
                + c.failedStep().map(Results.StepResult::failure).orElse("")).isTrue());
    }

    @Test
    void refusesAFileThatIsNoSoapUiProject() throws Exception {
        Path file = Files.writeString(out.resolve("other.xml"), "<project/>");

        assertThatThrownBy(() -> SoapUiImport.convert(file, out.resolve("suites")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": not a SoapUI project (root element con:soapui-project)");
    }

    @Test
    void refusesAProjectWithADtd() throws Exception {
        Path file = Files.writeString(out.resolve("evil.xml"), "<!DOCTYPE p [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<con:soapui-project xmlns:con=\"http://eviware.com/soapui/config\">&e;</con:soapui-project>");

        assertThatThrownBy(() -> SoapUiImport.convert(file, out.resolve("suites")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": A DTD (DOCTYPE) is not allowed.");
    }
}
