package org.qaqpa.contract;

/** One assertion checked against one exchange: what it asked, whether it held, and expected vs actual. */
record AssertionResult(String assertion, int line, boolean passed, String expected, String actual) {

    static AssertionResult pass(Assertion assertion, String actual) {
        return new AssertionResult(assertion.describe(), assertion.line(), true, "", actual);
    }

    static AssertionResult fail(Assertion assertion, String expected, String actual) {
        return new AssertionResult(assertion.describe(), assertion.line(), false, expected, actual);
    }

    static AssertionResult of(Assertion assertion, boolean passed, String expected, String actual) {
        return new AssertionResult(assertion.describe(), assertion.line(), passed, passed ? "" : expected, actual);
    }
}
