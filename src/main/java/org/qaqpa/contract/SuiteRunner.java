package org.qaqpa.contract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qaqpa.contract.Results.CaseResult;
import org.qaqpa.contract.Results.StepResult;
import org.qaqpa.contract.Results.SuiteResult;
import org.w3c.dom.Document;

/**
 * Runs suites over HTTP: for each step, renders the request with the test case's properties, signs it,
 * POSTs it as SOAP 1.1, checks the assertions on the answer and transfers properties for the next steps.
 * A test case stops at its first failing step.
 */
final class SuiteRunner {

    static final String DEFAULT_BASE = "http://127.0.0.1:8080";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final Optional<String> endpoint;
    private final Map<String, String> givenProperties;
    private final RunResources resources;
    private final RequestSigner signer;
    // No connectTimeout: with one the JDK client (17) keeps the exchange that opened a pooled connection, bodies
    // included, as long as the connection lives (docs/benchmarks.md, "Large payload"); each request's timeout bounds
    // the connect too.
    private final HttpClient http;

    /**
     * @param endpoint        the base address steps' paths are relative to, over the suite's {@code endpoint}
     * @param givenProperties {@code --property} values, over the suite's {@code properties}
     */
    SuiteRunner(Optional<String> endpoint, Map<String, String> givenProperties, RunResources resources) {
        this(endpoint, givenProperties, resources, HttpClient.newHttpClient());
    }

    /** As above, sending with {@code http} (the admin API's: with the gateway's {@code routing.tls} trust for providers). */
    SuiteRunner(Optional<String> endpoint, Map<String, String> givenProperties, RunResources resources, HttpClient http) {
        this.endpoint = endpoint;
        this.givenProperties = Map.copyOf(givenProperties);
        this.resources = resources;
        this.signer = new RequestSigner(resources.keys());
        this.http = http;
    }

    SuiteResult run(Suite suite) {
        long start = System.nanoTime();
        List<CaseResult> cases = new ArrayList<>();
        for (Suite.TestCase testCase : suite.testCases()) {
            cases.add(run(suite, testCase));
        }
        return new SuiteResult(suite, cases, millisSince(start));
    }

    CaseResult run(Suite suite, Suite.TestCase testCase) {
        long start = System.nanoTime();
        PropertyValues properties = new PropertyValues(suite.properties(), resources.clock());
        givenProperties.forEach(properties::put);
        List<StepResult> steps = new ArrayList<>();
        for (Step step : testCase.steps()) {
            StepResult result = run(suite, step, properties);
            steps.add(result);
            if (!result.passed()) {
                break;
            }
        }
        return new CaseResult(testCase, steps, millisSince(start));
    }

    private StepResult run(Suite suite, Step step, PropertyValues properties) {
        Exchange exchange = null;
        int attempts = 0;
        try {
            step.set().forEach((name, value) -> properties.put(name, value.render(properties)));
            String url = url(suite, step);
            long pollStart = System.nanoTime();
            while (true) {
                byte[] request = signer.prepare(step.request().render(properties), step.signing(), step.afterSigning(), suite.dir());
                exchange = post(url, request);
                attempts++;
                if (step.poll().isEmpty() || reached(step.poll().get(), exchange)) {
                    break;
                }
                Step.Poll poll = step.poll().get();
                if (System.nanoTime() - pollStart > poll.timeout().toNanos()) {
                    return new StepResult(step, Optional.of(exchange), attempts, List.of(), Optional.of("poll: '"
                            + poll.until().text() + "' still false after " + poll.timeout().toMillis() + " ms (" + attempts
                            + " requests); last answer: " + exchange.summary()));
                }
                Thread.sleep(poll.interval().toMillis());
            }
            StepContext context = new StepContext(properties, resources);
            List<AssertionResult> assertions = new ArrayList<>();
            for (Assertion assertion : step.assertions()) {
                assertions.add(assertion.check(exchange, context));
            }
            Optional<String> transferError = assertions.stream().allMatch(AssertionResult::passed)
                    ? transfer(step, exchange, properties) : Optional.empty();
            return new StepResult(step, Optional.of(exchange), attempts, assertions, transferError);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepResult(step, Optional.ofNullable(exchange), attempts, List.of(), Optional.of("interrupted"));
        } catch (RuntimeException e) {
            return new StepResult(step, Optional.ofNullable(exchange), attempts, List.of(),
                    Optional.of(String.valueOf(e.getMessage())));
        }
    }

    private static boolean reached(Step.Poll poll, Exchange exchange) {
        return exchange.document().map(poll.until()::bool).orElse(false);
    }

    private static Optional<String> transfer(Step step, Exchange exchange, PropertyValues properties) {
        for (Map.Entry<String, SuiteXPath> entry : step.transfer().entrySet()) {
            Optional<Document> document = exchange.document();
            if (document.isEmpty() || entry.getValue().nodes(document.get()).isEmpty()) {
                return Optional.of("transfer '" + entry.getKey() + "': '" + entry.getValue().text()
                        + "' selects nothing in the answer (" + exchange.summary() + ")");
            }
            properties.put(entry.getKey(), entry.getValue().string(document.get()));
        }
        return Optional.empty();
    }

    /** The step's address: absolute as written, or its path appended to the base ({@code --endpoint}, the suite's, or the default). */
    String url(Suite suite, Step step) {
        if (step.endpoint().startsWith("http://") || step.endpoint().startsWith("https://")) {
            return step.endpoint();
        }
        String base = endpoint.or(suite::endpoint).orElse(DEFAULT_BASE);
        if (step.endpoint().isEmpty()) {
            return base;
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (step.endpoint().startsWith("/") ? step.endpoint() : "/" + step.endpoint());
    }

    private Exchange post(String url, byte[] body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return Exchange.answered(url, body, response.statusCode(), response.body(), millisSince(start));
        } catch (IOException e) {
            return Exchange.failed(url, body, e.toString(), millisSince(start));
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
