package org.qaqpa.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.qaqpa.contract.Results.CaseResult;
import org.qaqpa.contract.Results.StepResult;
import org.qaqpa.contract.Results.SuiteResult;

/**
 * A suite sent to the admin API by the console's integrator page (docs/console.md), run like {@code qaqpa contract run}
 * but against one fixed base address (the gateway's own listener, or a provider URL of services.yaml: a {@link Target})
 * with its result as JSON-ready maps. The suite and the files it names (request templates, expected documents) arrive
 * as text; they are written to a temporary directory that is deleted after the run, so a relative name cannot reach
 * outside it. A step whose address (absolute, or its path on the base) the target does not accept is refused before
 * anything is sent: the gateway is not a proxy to anywhere. So is a signing key named by a keystore path: only the
 * development PKI's test keys sign.
 */
public final class UploadedSuite {

    /** The suite's own file name inside the temporary directory. */
    static final String SUITE_FILE = "suite.yaml";

    private UploadedSuite() {
    }

    /** A suite that cannot be read or run as uploaded: the message says why (the admin API answers 400). */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Where an uploaded suite runs.
     *
     * @param base        the base address steps' paths are appended to (over the suite's {@code endpoint}); a step
     *                    without {@code endpoint} is sent to it as it is
     * @param accepts     which step addresses may be called; any other refuses the whole run before a step is sent
     * @param description what {@code accepts} lets through, for the refusal (e.g. {@code the gateway's own endpoints
     *                    (http://127.0.0.1:8080)})
     * @param http        the client the steps are sent with
     */
    public record Target(String base, Predicate<String> accepts, String description, HttpClient http) {
    }

    /**
     * Reads and runs the suite.
     *
     * @param suite   the suite's YAML
     * @param files   the files it names, by the relative path it names them with
     * @param target  where the steps are sent, and which addresses they may name
     * @param pkiDir the development PKI's directory: the test keys and the root to trust
     * @return {@code {suite, passed, failed, cases: [{name, passed, millis, steps: [{name, line, passed, status,
     *         failure, assertions: [...]}]}]}}
     * @throws Refused if a file name leaves the directory, the suite cannot be read, or a step leaves the target
     */
    public static Map<String, Object> run(String suite, Map<String, String> files, Target target, Path pkiDir, Clock clock) {
        Path dir;
        try {
            dir = Files.createTempDirectory("qaqpa-suite-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            write(dir, SUITE_FILE, suite);
            for (Map.Entry<String, String> file : files.entrySet()) {
                write(dir, file.getKey(), file.getValue());
            }
            Suite read;
            try {
                read = new SuiteReader(Set.of()).read(dir.resolve(SUITE_FILE));
            } catch (RuntimeException e) {
                throw new Refused(e.getMessage().replace(dir.toString() + "/", ""));
            }
            SuiteRunner runner = new SuiteRunner(Optional.of(target.base()), Map.of(), new RunResources(pkiDir, clock),
                    target.http());
            for (Suite.TestCase testCase : read.testCases()) {
                for (Step step : testCase.steps()) {
                    if (MemberKeys.isPath(step.signing().key()) || step.signing().dataKey().filter(MemberKeys::isPath).isPresent()) {
                        throw new Refused("step '" + step.name() + "' (line " + step.line() + ") names a keystore file:"
                                + " from the console only the development PKI's test keys (a bare name such as 'legal') sign");
                    }
                    String url = runner.url(read, step);
                    if (!target.accepts().test(url)) {
                        throw new Refused("step '" + step.name() + "' (line " + step.line() + ") is sent to " + url
                                + ": only " + target.description() + " can be tested from the console; nothing was sent");
                    }
                }
            }
            return json(runner.run(read));
        } finally {
            delete(dir);
        }
    }

    private static void write(Path dir, String name, String text) {
        Path file = dir.resolve(name).normalize();
        if (name.isBlank() || Path.of(name).isAbsolute() || !file.startsWith(dir) || file.equals(dir)) {
            throw new Refused("file name '" + name + "' leaves the suite's directory");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text == null ? "" : text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> json(SuiteResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("suite", result.suite().name());
        answer.put("passed", result.passed());
        answer.put("failed", result.failed());
        List<Object> cases = new ArrayList<>();
        for (CaseResult testCase : result.cases()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", testCase.testCase().name());
            entry.put("passed", testCase.passed());
            entry.put("millis", testCase.millis());
            List<Object> steps = new ArrayList<>();
            for (StepResult step : testCase.steps()) {
                steps.add(json(step));
            }
            entry.put("steps", steps);
            cases.add(entry);
        }
        answer.put("cases", cases);
        return answer;
    }

    private static Map<String, Object> json(StepResult step) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", step.step().name());
        entry.put("line", step.step().line());
        entry.put("passed", step.passed());
        entry.put("status", step.exchange().map(Exchange::status).orElse(null));
        entry.put("failure", step.passed() ? null : step.failure());
        List<Object> assertions = new ArrayList<>();
        for (AssertionResult assertion : step.assertions()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("assertion", assertion.assertion());
            a.put("line", assertion.line());
            a.put("passed", assertion.passed());
            a.put("expected", assertion.expected());
            a.put("actual", assertion.actual());
            assertions.add(a);
        }
        entry.put("assertions", assertions);
        return entry;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind: nothing to tell the caller
        }
    }
}
