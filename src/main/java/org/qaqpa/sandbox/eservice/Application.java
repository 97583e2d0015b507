package org.qaqpa.sandbox.eservice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.w3c.dom.Document;

/**
 * One application as a provider system handles it: the form, who sent it (the front end's member, the async chain
 * it started), the number the provider gave it, its state, the refusal or the result, and the timeline of the
 * regulation's steps it went through.
 */
public final class Application {

    private final String service;
    private final Form form;
    private final String frontEnd;
    private final Optional<String> chainId;
    private final Instant submittedAt;
    private final List<StepTiming> timeline = new CopyOnWriteArrayList<>();
    private volatile String number;
    private volatile String state = "SUBMITTED";
    private volatile Refusal refusal;
    private volatile String resultNumber;
    private volatile Document result;
    private volatile String resultSigner;
    private volatile String sessionId;
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    /**
     * @param frontEnd the member that sent it (the portal, the PSC), or the provider's own office
     * @param chainId     the messageId of the application's {@code REQUEST}, which statuses and the result answer;
     *                    empty for an application entered at the provider's office
     * @param submittedAt when the front end sent it (its {@code messageDate}), or when the office entered it
     */
    public Application(String service, Form form, String frontEnd, Optional<String> chainId, Instant submittedAt) {
        this.service = service;
        this.form = form;
        this.frontEnd = frontEnd;
        this.chainId = chainId;
        this.submittedAt = submittedAt;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public String service() {
        return service;
    }

    public Form form() {
        return form;
    }

    public String frontEnd() {
        return frontEnd;
    }

    public Optional<String> chainId() {
        return chainId;
    }

    /** The gateway's sessionId of the application's message, when it came through the gateway. */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    void sessionId(String gatewaySessionId) {
        this.sessionId = gatewaySessionId;
    }

    public String number() {
        return number;
    }

    void number(String assigned) {
        this.number = assigned;
    }

    public String state() {
        return state;
    }

    void state(String newState) {
        this.state = newState;
    }

    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    void refuse(Refusal reason) {
        this.refusal = reason;
        this.state = "REJECTED";
    }

    public Optional<String> resultNumber() {
        return Optional.ofNullable(resultNumber);
    }

    /** The result document, signed by the authorised officer, once the application is {@code COMPLETED}. */
    public Optional<Document> result() {
        return Optional.ofNullable(result);
    }

    /** Who signed the result ({@code CN, IIN …}), once the application is {@code COMPLETED}. */
    public Optional<String> resultSigner() {
        return Optional.ofNullable(resultSigner);
    }

    void completed(String documentNumber, Document signed, String signer) {
        this.resultNumber = documentNumber;
        this.result = signed;
        this.resultSigner = signer;
        this.state = "COMPLETED";
    }

    /**
     * Waits until the provider system's route has finished with the application (its last step timed: the answer
     * may reach the front end before), at most {@code patience}; returns this.
     */
    public Application awaitDone(java.time.Duration patience) throws InterruptedException {
        if (!done.await(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the route of " + service + " " + number + " did not finish within " + patience);
        }
        return this;
    }

    void done() {
        done.countDown();
    }

    public List<StepTiming> timeline() {
        return new ArrayList<>(timeline);
    }

    void timed(StepTiming step) {
        timeline.add(step);
    }

    /**
     * What the applicant filled in.
     *
     * @param attachments the names of the attached documents
     */
    public record Form(String service, String channel, Optional<String> iin, Optional<String> bin, Map<String, String> fields,
                       List<String> attachments) {

        public Form {
            fields = Map.copyOf(fields);
            attachments = List.copyOf(attachments);
        }

        /** The applicant's identifier: the BIN of an entity, else the IIN. */
        public String applicantId() {
            return bin.or(() -> iin).orElse("");
        }
    }

    /** A refusal: a code of the passport's {@code refusals} and the reason given. */
    public record Refusal(String code, String text) {
    }

    /**
     * One step as it ran: when it started, how long it took against the regulation's limit.
     *
     * @param limitMillis 0 when the regulation sets none
     */
    public record StepTiming(String stepId, String name, Instant started, long millis, long limitMillis) {

        public boolean breached() {
            return limitMillis > 0 && millis > limitMillis;
        }
    }
}
