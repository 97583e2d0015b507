package org.qaqpa.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qaqpa.error.ErrorCode;

/**
 * The shipped suites of {@code src/test/resources/contract/*.yaml}, each test case a JUnit test,
 * against one real gateway over HTTP, as {@code qaqpa contract run} runs them.
 */
@ExtendWith(ContractGateway.class)
class ShippedSuitesTest {

    /**
     * Codes no suite can provoke over the wire from outside: certificates the development PKI does not
     * hold (expired, revoked, without digitalSignature; the e2e tests make them), the gateway's own failure, and
     * the TLS client certificate check (the suites' gateway listens on plain HTTP; TlsGatewayTest provokes it).
     */
    private static final Set<ErrorCode> NOT_PROVOKED = Set.of(ErrorCode.CERT_EXPIRED, ErrorCode.CERT_REVOKED,
            ErrorCode.CERT_KEY_USAGE, ErrorCode.INTERNAL_ERROR, ErrorCode.SENDER_TLS_CERT_MISMATCH);

    @Test
    void theSuitesExpectEveryFaultCodeTheChannelsCanBeMadeToGive() throws IOException {
        Set<String> expected = new java.util.TreeSet<>();
        for (Path file : suiteFiles()) {
            for (Suite.TestCase testCase : new SuiteReader(Set.of()).read(file).testCases()) {
                testCase.steps().forEach(step -> step.assertions().stream()
                        .filter(a -> a instanceof Assertion.Fault).map(a -> ((Assertion.Fault) a).errorCode())
                        .forEach(code -> code.ifPresent(c -> expected.add(c.text()))));
            }
        }
        assertThat(expected).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(ErrorCode.values())
                .filter(code -> !NOT_PROVOKED.contains(code)).map(Enum::name).toList());
    }

    private static List<Path> suiteFiles() throws IOException {
        try (Stream<Path> list = Files.list(ContractGateway.suitesDir())) {
            return list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicNode> shippedSuites() throws IOException {
        List<Path> files = suiteFiles();
        assertThat(files).isNotEmpty();
        SuiteRunner runner = ContractGateway.runner();
        SuiteReader reader = new SuiteReader(Set.of());
        return files.stream().map(file -> {
            Suite suite = reader.read(file);
            return DynamicContainer.dynamicContainer(suite.name(), file.toUri(), suite.testCases().stream()
                    .map(testCase -> DynamicTest.dynamicTest(testCase.name(), () -> {
                        Results.CaseResult result = runner.run(suite, testCase);
                        assertThat(result.passed()).as(() -> result.failedStep().map(step -> "step '" + step.step().name()
                                + "': " + step.failure() + step.exchange().map(e -> "\nrequest:\n" + e.requestText()
                                + "\nanswer:\n" + e.responseText()).orElse("")).orElse("")).isTrue();
                    })));
        });
    }
}
