package org.qaqpa.contract;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qaqpa.config.ConfigException;
import org.qaqpa.contract.Results.CaseResult;
import org.qaqpa.contract.Results.SuiteResult;

/**
 * {@code qaqpa contract run}: reads every suite first (so a bad one fails before anything is sent),
 * runs them, prints a line per test case and {@code N passed, N failed}, and writes the JUnit XML and
 * HTML reports when asked.
 */
public final class ContractRun {

    /** The HTML report's name inside {@code --report}. */
    public static final String HTML_REPORT = "report.html";

    /**
     * @param endpoint   base address over the suites' own {@code endpoint}
     * @param properties {@code --property} values over the suites' {@code properties}
     * @param reportDir  where {@code report.html} and {@code TEST-*.xml} go, if anywhere
     * @param dataDir    the gateway's data directory, whose {@code pki/} holds member keys and the root to trust
     */
    public record Options(List<Path> suites, Optional<String> endpoint, Map<String, String> properties,
                          Optional<Path> reportDir, Path dataDir) {
    }

    private ContractRun() {
    }

    /** Returns the exit code: 0 all passed, 1 a test case failed, 2 a suite cannot be read, 3 a report cannot be written. */
    public static int run(Options options, PrintStream out, PrintStream err) {
        SuiteReader reader = new SuiteReader(options.properties().keySet());
        List<Suite> suites = new ArrayList<>();
        try {
            for (Path file : options.suites()) {
                suites.add(reader.read(file));
            }
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        SuiteRunner runner = new SuiteRunner(options.endpoint(), options.properties(),
                new RunResources(options.dataDir().resolve("pki"), Clock.systemDefaultZone()));
        List<SuiteResult> results = new ArrayList<>();
        for (Suite suite : suites) {
            out.println("suite " + suite.name() + " (" + suite.file() + ")");
            SuiteResult result = runner.run(suite);
            result.cases().forEach(c -> out.println(line(c)));
            results.add(result);
        }
        long passed = results.stream().mapToLong(SuiteResult::passed).sum();
        long failed = results.stream().mapToLong(SuiteResult::failed).sum();
        if (options.reportDir().isPresent()) {
            try {
                for (SuiteResult result : results) {
                    JUnitReport.write(result, options.reportDir().get());
                }
                Path html = options.reportDir().get().resolve(HTML_REPORT);
                HtmlReport.write(results, html);
                out.println("report: " + html);
            } catch (IOException e) {
                err.println("cannot write the report: " + e.getMessage());
                return 3;
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static String line(CaseResult result) {
        if (result.passed()) {
            return "  PASS " + result.testCase().name() + " (" + result.millis() + " ms)";
        }
        return "  FAIL " + result.testCase().name() + result.failedStep()
                .map(step -> ": step '" + step.step().name() + "' (line " + step.step().line() + "): " + step.failure()).orElse("");
    }
}
