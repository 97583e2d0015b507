package org.qaqpa.contract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.qaqpa.contract.Results.CaseResult;
import org.qaqpa.contract.Results.StepResult;
import org.qaqpa.contract.Results.SuiteResult;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.xml.XmlBytes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A suite's result in the JUnit XML form CI systems read ({@code TEST-NAME.xml}: one {@code testsuite}, a
 * {@code testcase} per test case, a {@code failure} naming the failing assertion with the exchanged XML).
 */
final class JUnitReport {

    private JUnitReport() {
    }

    /** Writes {@code dir/TEST-<suite file name>.xml}; returns the file. */
    static Path write(SuiteResult result, Path dir) throws IOException {
        Document document = SyncMessages.newDocument();
        Element suite = document.createElement("testsuite");
        document.appendChild(suite);
        suite.setAttribute("name", result.suite().name());
        suite.setAttribute("tests", String.valueOf(result.cases().size()));
        suite.setAttribute("failures", String.valueOf(result.failed()));
        suite.setAttribute("errors", "0");
        suite.setAttribute("skipped", "0");
        suite.setAttribute("time", seconds(result.millis()));
        for (CaseResult caseResult : result.cases()) {
            Element testcase = document.createElement("testcase");
            suite.appendChild(testcase);
            testcase.setAttribute("classname", result.suite().name());
            testcase.setAttribute("name", caseResult.testCase().name());
            testcase.setAttribute("time", seconds(caseResult.millis()));
            caseResult.failedStep().ifPresent(step -> {
                Element failure = document.createElement("failure");
                testcase.appendChild(failure);
                failure.setAttribute("message", "step '" + step.step().name() + "': " + step.failure());
                failure.setAttribute("type", "ContractAssertion");
                failure.setTextContent(details(step));
            });
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("TEST-" + fileName(result.suite()) + ".xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            XmlBytes.write(document, out);
        }
        return file;
    }

    static String fileName(Suite suite) {
        String name = suite.file().getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static String details(StepResult step) {
        StringBuilder text = new StringBuilder(step.failure()).append("\n");
        step.exchange().ifPresent(exchange -> text.append("\nPOST ").append(exchange.endpoint()).append("\n")
                .append(exchange.requestText()).append("\n\nHTTP ").append(exchange.status()).append(", ")
                .append(exchange.millis()).append(" ms\n").append(exchange.responseText()).append("\n"));
        return text.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
