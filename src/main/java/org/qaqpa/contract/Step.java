package org.qaqpa.contract;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request of a test case and what its answer must satisfy.
 *
 * @param endpoint     where to POST: a path relative to the suite's (or {@code --endpoint}'s) base, or an absolute URL
 * @param operation    the operation called (from the suite, or the Body element of the template)
 * @param set          properties set before the request is rendered (e.g. {@code messageId: ${uuid}})
 * @param transfer     properties taken from the answer by XPath, for the steps after this one
 * @param poll         when present, the request is repeated until the condition holds or the time is up
 */
record Step(String name, int line, String endpoint, String operation, Map<String, Template> set, Template request,
            Signing signing, List<Replacement> afterSigning, List<Assertion> assertions, Map<String, SuiteXPath> transfer,
            Optional<Poll> poll) {

    /** {@code poll}: repeat the step every {@code interval} until {@code until} (an XPath, true on the answer) or {@code timeout}. */
    record Poll(SuiteXPath until, Duration timeout, Duration interval) {
    }
}
