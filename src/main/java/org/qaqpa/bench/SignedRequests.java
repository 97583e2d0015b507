package org.qaqpa.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;

/**
 * Requests signed in advance by a member (WS-Security, the SHEP reference form), so that during a
 * measurement the client only sends bytes and its RSA signing does not take the measured server's CPU.
 *
 * <p>The replay guard sets the limits of signing in advance: a given messageId is accepted once, so
 * every request that carries one is a new messageId and the pool must hold as many requests as the
 * run sends; and a {@code messageDate} older than {@code replay.window} (24 h by default) is refused, so
 * a pool is good for that long after it was signed — far longer than a run.
 */
final class SignedRequests {

    private final IssuedCertificate member;
    private final RequestEnvelope envelope;
    private final Payload payload;

    SignedRequests(IssuedCertificate member, RequestEnvelope envelope, Payload payload) {
        this.member = member;
        this.envelope = envelope;
        this.payload = payload;
    }

    /**
     * {@code count} signed requests, the {@code i}-th of the payload's {@code i}-th size, on {@code threads} threads. With {@code withMessageIds} each has its
     * own new messageId; without, the messageId is left out (an async gateway assigns one, so the same
     * request may be sent again and again, docs/async.md) — what the async warm-up does.
     */
    List<byte[]> sign(int count, boolean withMessageIds, int threads) throws InterruptedException {
        ExecutorService signers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "bench-signer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<byte[]>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int bytes = payload.bytesFor(i);
                futures.add(signers.submit(() -> signed(withMessageIds ? UUID.randomUUID().toString() : null, bytes)));
            }
            List<byte[]> requests = new ArrayList<>(count);
            for (Future<byte[]> future : futures) {
                requests.add(future.get());
            }
            return requests;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot sign a benchmark request: " + e.getCause(), e.getCause());
        } finally {
            signers.shutdownNow();
        }
    }

    /** One signed request of {@code bytes} before signing; {@code messageId} null leaves it out. */
    byte[] signed(String messageId, int bytes) {
        Document document = new SecureDocuments(XmlLimits.defaults())
                .parse(new ByteArrayInputStream(envelope.unsigned(messageId, bytes).getBytes(StandardCharsets.UTF_8)));
        new XmlSigner(member.privateKey(), member.certificate()).signTransport(document, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
        return SyncMessages.serialize(document);
    }
}
