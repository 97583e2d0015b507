package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.qaqpa.sandbox.eservice.Application;
import org.qaqpa.sandbox.eservice.EServiceSandbox;
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
        assertResultIssued(entry, "RECEIVED");
    }

    /**
     * As {@link #assertResultIssued(Portal.Entry)} for a service whose provider reports the states {@code reported}
     * (such as {@code RECEIVED}, {@code IN_PROGRESS}) before {@code COMPLETED}.
     */
    static void assertResultIssued(Portal.Entry entry, String... reported) {
        List<String> states = new ArrayList<>(List.of(reported));
        states.add("COMPLETED");
        awaitStates(entry, states.toArray(String[]::new));
        assertThat(entry.number()).hasValueSatisfying(number -> assertThat(number).startsWith(entry.service() + "-"));
        assertThat(entry.resultNumber()).hasValueSatisfying(number -> assertThat(number).matches(entry.service() + "-\\d{10}"));
        assertThat(entry.resultSigner()).as("the officer's signature verified by the portal")
                .hasValueSatisfying(signer -> assertThat(signer).contains("IIN " + OFFICER_IIN));
    }

    /**
     * Waits until the front end's history shows the application formed, sent and then {@code reported}, in this order
     * (each status travels as an async message of its own; the front end orders them by the provider's date).
     */
    static void awaitStates(Portal.Entry entry, String... reported) {
        List<String> expected = new ArrayList<>(List.of("FORMED", "SENT"));
        expected.addAll(List.of(reported));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(entry.states()).extracting(Portal.State::state)
                .containsExactlyElementsOf(expected));
    }

    /** The provider system's record of the application the front end sent, once its route has finished. */
    static Application atProvider(EServiceSandbox eservices, Portal.Entry entry) throws InterruptedException {
        return eservices.application(entry.messageId().orElseThrow()).orElseThrow().awaitDone(PATIENCE);
    }

    /** Waits until the application is {@code REJECTED}; its latest state's text is {@code CODE: reason}. */
    static String awaitRefusal(Portal.Entry entry) {
        await().atMost(PATIENCE).until(() -> entry.state().state().equals("REJECTED"));
        assertThat(entry.resultNumber()).as("no result for a refusal").isEmpty();
        return entry.state().text();
    }
}
