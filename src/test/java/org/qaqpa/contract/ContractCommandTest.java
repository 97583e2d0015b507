package org.qaqpa.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.cli.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.cli.CliRun.Result;

/**
 * {@code qaqpa contract run} against a real gateway: the exit code, the console summary, and the
 * reports of a suite with a deliberately wrong expectation (which assertion, expected vs actual, the XML).
 */
@ExtendWith(ContractGateway.class)
class ContractCommandTest {

    private static final Path WRONG = ContractGateway.suitesDir().resolve("failing/wrong-expectation.yaml");

    @TempDir
    Path dir;

    @Test
    void reportsTheFailingAssertionWithExpectedActualAndTheXml() throws Exception {
        Path report = dir.resolve("report");

        Result result = run("contract", "run", WRONG.toString(), "--endpoint", base(), "--data", data(), "--report", report.toString());

        assertThat(result.exit()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).contains("  PASS the echo answers")
                .contains("  FAIL an unknown service is refused with the expected code: step 'SendMessage' (line 22): line 27: "
                        + "fault ${expectedCode}: expected a SOAP fault with errorCode SENDER_UNKNOWN, got HTTP 500, fault "
                        + "SERVICE_NOT_FOUND: No provider is registered for serviceId 'NO_SUCH_SERVICE'.")
                .endsWith("1 passed, 1 failed" + System.lineSeparator());

        String html = Files.readString(report.resolve(ContractRun.HTML_REPORT));
        assertThat(html).contains("1 passed, 1 failed")
                .contains("<tr class=\"failed\"><td>27</td><td>fault ${expectedCode}</td><td class=\"fail\">FAIL</td>"
                        + "<td class=\"expected\">a SOAP fault with errorCode SENDER_UNKNOWN</td>"
                        + "<td class=\"actual\">HTTP 500, fault SERVICE_NOT_FOUND: No provider is registered for serviceId "
                        + "&apos;NO_SUCH_SERVICE&apos;.</td></tr>".replace("&apos;", "'"))
                .contains("<tr><td>26</td><td>status 500</td><td class=\"pass\">pass</td>")
                // the exchanged XML, escaped: the signed request and the gateway's fault
                .contains("&lt;serviceId&gt;NO_SUCH_SERVICE&lt;/serviceId&gt;", "wsse:Security")
                .contains("&lt;errorCode&gt;SERVICE_NOT_FOUND&lt;/errorCode&gt;")
                .doesNotContain("<script");

        String junit = Files.readString(report.resolve("TEST-wrong-expectation.xml"));
        assertThat(junit).containsPattern("<testsuite [^>]*failures=\"1\" name=\"Deliberately wrong expectation\" [^>]*tests=\"2\"")
                .contains("<testcase classname=\"Deliberately wrong expectation\" name=\"the echo answers\"")
                .contains("<failure message=\"step 'SendMessage': line 27: fault ${expectedCode}: expected a SOAP fault with "
                        + "errorCode SENDER_UNKNOWN, got HTTP 500, fault SERVICE_NOT_FOUND")
                .contains("&lt;errorCode&gt;SERVICE_NOT_FOUND&lt;/errorCode&gt;");
    }

    @Test
    void passesWhenAPropertyFixesTheExpectation() {
        Result result = run("contract", "run", WRONG.toString(), "--endpoint", base(), "--data", data(),
                "--property", "expectedCode=SERVICE_NOT_FOUND");

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).endsWith("2 passed, 0 failed" + System.lineSeparator());
    }

    @Test
    void refusesABadSuiteBeforeSendingAnything() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                suite: Bad
                test-cases:
                  - name: first
                    steps:
                      - request: missing.xml
                """);

        Result result = run("contract", "run", WRONG.toString(), bad.toString(), "--endpoint", base(), "--data", data());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo(bad + ":5: request template 'missing.xml' not found (" + dir.resolve("missing.xml") + ")");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void failsAStepWhoseSigningKeyIsMissing() {
        Result result = run("contract", "run", WRONG.toString(), "--endpoint", base(), "--data", dir.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("signing key 'legal': " + dir.resolve("pki/legal.p12") + " does not exist")
                .endsWith("0 passed, 2 failed" + System.lineSeparator());
    }

    @Test
    void mockExitsTwoForAWsdlThatCannotBeRead() {
        Result result = run("contract", "mock", dir.resolve("missing.wsdl").toString(), "--port", "0");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("cannot mock: " + dir.resolve("missing.wsdl") + ": not found");
    }

    private static String base() {
        return ContractGateway.gateway().gateway().baseUri().toString();
    }

    private static String data() {
        return ContractGateway.gateway().dataDir().toString();
    }


}
