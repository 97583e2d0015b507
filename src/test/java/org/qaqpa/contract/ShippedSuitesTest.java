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
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped suites of {@code src/test/resources/contract/*.yaml}, each test case a JUnit test,
 * against one real gateway over HTTP, as {@code qaqpa contract run} runs them.
 */
@ExtendWith(ContractGateway.class)
class ShippedSuitesTest {

    @TestFactory
    Stream<DynamicNode> shippedSuites() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(ContractGateway.suitesDir())) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
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
