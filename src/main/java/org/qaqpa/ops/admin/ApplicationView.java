package org.qaqpa.ops.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One e-service application as the admin API shows it: what the provider system knows of it.
 *
 * @param service      the e-service (FILM_CERT, …)
 * @param channel      PORTAL, PSC, OFFICE, …
 * @param number       the number the provider system gave it, empty before registration
 * @param state        SUBMITTED, RECEIVED, COMPLETED, REJECTED, …
 * @param refusalCode  the passport's refusal code of a rejected application
 * @param resultNumber the number of the issued result document
 * @param resultSigner who signed the result ({@code CN, IIN …})
 * @param chainId      the messageId of the application's REQUEST, the async chain its statuses answer
 * @param sessionId    the gateway's sessionId of that REQUEST, under which the message log keeps its rows
 * @param frontEnd     the member that sent it (portal, psc) or the provider system for an office application
 * @param submittedAt  when the front end sent it, or when the office entered it
 */
public record ApplicationView(String service, String channel, Optional<String> number, String state,
                              Optional<String> refusalCode, Optional<String> refusalText, Optional<String> resultNumber,
                              Optional<String> resultSigner, Optional<String> chainId, Optional<String> sessionId,
                              String applicantId, String frontEnd, Instant submittedAt, List<Step> timeline) {

    public ApplicationView {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(submittedAt, "submittedAt");
        timeline = List.copyOf(timeline);
    }

    /**
     * One regulation step as it ran.
     *
     * @param limitMillis the regulation's limit, 0 when it sets none
     */
    public record Step(String stepId, String name, Instant started, long millis, long limitMillis, boolean breached) {
    }
}
