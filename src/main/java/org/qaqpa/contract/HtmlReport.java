package org.qaqpa.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.qaqpa.contract.Results.CaseResult;
import org.qaqpa.contract.Results.StepResult;
import org.qaqpa.contract.Results.SuiteResult;

/**
 * One self-contained HTML page (no scripts, no external files) of a run: per suite and test case,
 * each step's request and answer as exchanged, its assertions, the failing one highlighted with
 * expected vs actual.
 */
final class HtmlReport {

    private static final String STYLE = """
            body{font-family:sans-serif;margin:1.5em;color:#222}
            h1{font-size:1.4em}h2{font-size:1.2em;border-bottom:1px solid #ccc}
            .pass{color:#1a7f37}.fail{color:#b42318}
            details{margin:.4em 0 .4em 1em}summary{cursor:pointer}
            table{border-collapse:collapse;margin:.3em 0}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
            tr.failed td{background:#fde8e8}
            tr.failed td.expected{background:#e6f4ea}tr.failed td.actual{background:#f9c5c5}
            pre{background:#f6f8fa;padding:.5em;white-space:pre-wrap;word-break:break-all;max-height:30em;overflow:auto}
            """;

    private HtmlReport() {
    }

    /** Writes {@code file}. */
    static void write(List<SuiteResult> results, Path file) throws IOException {
        long passed = results.stream().mapToLong(SuiteResult::passed).sum();
        long failed = results.stream().mapToLong(SuiteResult::failed).sum();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Contract test report</title><style>" + STYLE + "</style></head><body>\n");
        html.append("<h1>Contract test report: <span class=\"").append(failed == 0 ? "pass" : "fail").append("\">")
                .append(passed).append(" passed, ").append(failed).append(" failed</span></h1>\n");
        for (SuiteResult result : results) {
            html.append("<h2>").append(escape(result.suite().name())).append(" <small>(").append(escape(result.suite().file().toString()))
                    .append(")</small></h2>\n");
            for (CaseResult caseResult : result.cases()) {
                appendCase(html, caseResult);
            }
        }
        html.append("</body></html>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void appendCase(StringBuilder html, CaseResult caseResult) {
        boolean passed = caseResult.passed();
        html.append("<details class=\"case\"").append(passed ? "" : " open").append("><summary><span class=\"")
                .append(passed ? "pass\">PASS" : "fail\">FAIL").append("</span> ").append(escape(caseResult.testCase().name()))
                .append(" (").append(caseResult.millis()).append(" ms)</summary>\n");
        for (StepResult step : caseResult.steps()) {
            appendStep(html, step);
        }
        int notRun = caseResult.testCase().steps().size() - caseResult.steps().size();
        if (notRun > 0) {
            html.append("<p>").append(notRun).append(" later step(s) not run.</p>\n");
        }
        html.append("</details>\n");
    }

    private static void appendStep(StringBuilder html, StepResult step) {
        boolean passed = step.passed();
        html.append("<details class=\"step\"").append(passed ? "" : " open").append("><summary><span class=\"")
                .append(passed ? "pass\">ok" : "fail\">failed").append("</span> step '").append(escape(step.step().name()))
                .append("' (line ").append(step.step().line()).append(")");
        step.exchange().ifPresent(e -> html.append(": POST ").append(escape(e.endpoint())).append(", ")
                .append(escape(e.summary())).append(", ").append(e.millis()).append(" ms")
                .append(step.attempts() > 1 ? ", " + step.attempts() + " requests" : ""));
        html.append("</summary>\n");
        step.error().ifPresent(error -> html.append("<p class=\"fail\">").append(escape(error)).append("</p>\n"));
        if (!step.assertions().isEmpty()) {
            html.append("<table><tr><th>line</th><th>assertion</th><th>result</th><th>expected</th><th>actual</th></tr>\n");
            for (AssertionResult a : step.assertions()) {
                html.append(a.passed() ? "<tr>" : "<tr class=\"failed\">")
                        .append("<td>").append(a.line()).append("</td><td>").append(escape(a.assertion())).append("</td><td class=\"")
                        .append(a.passed() ? "pass\">pass" : "fail\">FAIL").append("</td><td")
                        .append(a.passed() ? ">" : " class=\"expected\">").append(escape(a.expected())).append("</td><td")
                        .append(a.passed() ? ">" : " class=\"actual\">").append(escape(a.actual())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        step.exchange().ifPresent(e -> html.append("<p>Request</p><pre class=\"request\">").append(escape(e.requestText()))
                .append("</pre>\n<p>Response (HTTP ").append(e.status()).append(")</p><pre class=\"response\">")
                .append(escape(e.transportError().orElse(e.responseText()))).append("</pre>\n"));
        html.append("</details>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
