package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.qaqpa.sandbox.eservice.Portal;

/** What the e-service end-to-end tests check of an application in the portal's history (docs/services.md). */
final class EServiceAssertions {

    /** How long an application may take through the gateway and back. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The development PKI's authorised officer, who signs the results. */
    static final String OFFICER_IIN = "123456789032";

    private EServiceAssertions() {
    }

    /**
     * Waits until the application is {@code COMPLETED}, then checks that it was {@code RECEIVED} with a number of its
     * service, and that its result has a number of its service and the officer's signature, verified by the portal.
     */
    static void assertResultIssued(Portal.Entry entry) {
        await().atMost(PATIENCE).until(() -> entry.state().state().equals("COMPLETED"));
        assertThat(entry.states()).extracting(Portal.State::state).containsExactly("FORMED", "SENT", "RECEIVED", "COMPLETED");
        assertThat(entry.number()).hasValueSatisfying(number -> assertThat(number).startsWith(entry.service() + "-"));
        assertThat(entry.resultNumber()).hasValueSatisfying(number -> assertThat(number).matches(entry.service() + "-\\d{10}"));
        assertThat(entry.resultSigner()).as("the officer's signature verified by the portal")
                .hasValueSatisfying(signer -> assertThat(signer).contains("IIN " + OFFICER_IIN));
    }

    /** Waits until the application is {@code REJECTED}; its latest state's text is {@code CODE: reason}. */
    static String awaitRefusal(Portal.Entry entry) {
        await().atMost(PATIENCE).until(() -> entry.state().state().equals("REJECTED"));
        assertThat(entry.resultNumber()).as("no result for a refusal").isEmpty();
        return entry.state().text();
    }
}
