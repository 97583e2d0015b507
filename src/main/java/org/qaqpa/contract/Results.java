package org.qaqpa.contract;

import java.util.List;
import java.util.Optional;

/** What running suites gave: per suite, per test case, per step, per assertion. */
final class Results {

    private Results() {
    }

    /** One step: its (last) exchange, how often it was sent (polls), its assertions, or why it could not complete. */
    record StepResult(Step step, Optional<Exchange> exchange, int attempts, List<AssertionResult> assertions,
                      Optional<String> error) {
        boolean passed() {
            return error.isEmpty() && assertions.stream().allMatch(AssertionResult::passed);
        }

        /** The first failing assertion, or the error, in one line. */
        String failure() {
            return error.orElseGet(() -> assertions.stream().filter(a -> !a.passed()).findFirst()
                    .map(a -> "line " + a.line() + ": " + a.assertion() + ": expected " + a.expected() + ", got " + a.actual())
                    .orElse(""));
        }
    }

    /** One test case; it stops at its first failing step, the steps after it are not run. */
    record CaseResult(Suite.TestCase testCase, List<StepResult> steps, long millis) {
        boolean passed() {
            return steps.size() == testCase.steps().size() && steps.stream().allMatch(StepResult::passed);
        }

        Optional<StepResult> failedStep() {
            return steps.stream().filter(s -> !s.passed()).findFirst();
        }
    }

    record SuiteResult(Suite suite, List<CaseResult> cases, long millis) {
        long passed() {
            return cases.stream().filter(CaseResult::passed).count();
        }

        long failed() {
            return cases.size() - passed();
        }
    }
}
