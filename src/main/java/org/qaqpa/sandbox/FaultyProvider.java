package org.qaqpa.sandbox;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A provider that misbehaves in one way, as X-Road's test peers do, so the gateway's refusals of
 * provider answers can be tested over real HTTP. It does not check the request's signature: the
 * misbehaviour is all on the answer side. Connection refused needs no servlet (a closed port).
 */
final class FaultyProvider extends SyncProviderServlet {

    private static final long serialVersionUID = 1L;

    /** How the provider misbehaves; {@link #path()} is where {@link SandboxProviders} mounts it. */
    enum Misbehaviour {
        /** A correct, signed answer, but only after the delay (30 s when mounted), longer than any provider timeout. */
        SLOW("slow"),
        /** A correct answer without any signature. */
        UNSIGNED("unsigned"),
        /** A correct answer signed with the development individual's key instead of the echo key. */
        WRONG_SIGNER("wrong-signer"),
        /** A signed SOAP fault: ErrorInfo errorCode {@code PROVIDER_DOWN_FOR_MAINTENANCE}. */
        FAULT("fault"),
        /** HTTP 200, {@code text/xml}, body {@code <not-soap/>}. */
        GARBAGE("garbage"),
        /** A signed answer whose data is changed after signing. */
        TAMPERED("tampered");

        private final String segment;

        Misbehaviour(String segment) {
            this.segment = segment;
        }

        String path() {
            return SandboxProviders.FAULTY_PREFIX + segment;
        }
    }

    static final String MAINTENANCE = "PROVIDER_DOWN_FOR_MAINTENANCE";
    static final Duration SLOW_DELAY = Duration.ofSeconds(30);

    private final Misbehaviour misbehaviour;
    private final Duration delay;
    /** Released when the servlet is destroyed, so a stopping server does not wait out a slow answer. */
    private final transient CountDownLatch destroyed = new CountDownLatch(1);

    FaultyProvider(Misbehaviour misbehaviour, ProviderKeys.Lazy keys, Clock clock, Duration delay) {
        super(keys, clock);
        this.misbehaviour = misbehaviour;
        this.delay = delay;
    }

    @Override
    void answer(ProviderKeys keys, Document envelope, HttpServletResponse response) throws IOException {
        SyncRequest request;
        try {
            request = SyncRequest.read(envelope);
        } catch (QaqpaFault refusal) {
            sendFault(keys, response, refusal, java.util.Optional.empty());
            return;
        }
        Document answer = ProviderReplies.answer(request, "answered by the faulty provider '" + misbehaviour.segment + "'", clock);
        switch (misbehaviour) {
            case SLOW -> {
                if (waitOutDelay()) {
                    sendSigned(response, HttpServletResponse.SC_OK, answer, keys.echo());
                }
            }
            case UNSIGNED -> ProviderReplies.send(response, HttpServletResponse.SC_OK, answer);
            case WRONG_SIGNER -> sendSigned(response, HttpServletResponse.SC_OK, answer, keys.individual());
            case FAULT -> sendSigned(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, ProviderReplies.fault(false,
                    MAINTENANCE, "The sandbox provider is down for maintenance; try again later.", request.sessionId(), clock),
                    keys.echo());
            case GARBAGE -> {
                byte[] garbage = "<not-soap/>".getBytes(StandardCharsets.UTF_8);
                response.setContentType(ProviderReplies.CONTENT_TYPE);
                response.setContentLength(garbage.length);
                response.getOutputStream().write(garbage);
            }
            case TAMPERED -> {
                sign(answer, keys.echo());
                tamper(answer);
                ProviderReplies.send(response, HttpServletResponse.SC_OK, answer);
            }
        }
    }

    /** Whether the delay passed; false when the server stops or the thread is interrupted (nobody waits for the answer). */
    private boolean waitOutDelay() {
        try {
            return !destroyed.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Adds text to {@code responseData/data} (creating it when the request had none), after the signature was made. */
    private static void tamper(Document answer) {
        Element response = SyncMessages.child(SyncMessages.bodyContent(answer), "response");
        Element responseData = SyncMessages.child(response, "responseData");
        Element data = SyncMessages.child(responseData, "data");
        if (data == null) {
            data = SyncMessages.append(responseData, "data", null);
        }
        data.appendChild(answer.createTextNode("changed after signing"));
    }

    @Override
    public void destroy() {
        destroyed.countDown();
        super.destroy();
    }
}
