package org.qaqpa.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
 * Async {@code sendMessage} requests signed in advance by a member (WS-Security, the SHEP reference
 * form), so that during a measurement the client only sends bytes and its RSA signing does not take
 * the gateway's CPU. Each request is padded so that, unsigned, it is exactly the payload size.
 *
 * <p>The replay guard sets the limits of signing in advance: a given messageId is accepted once, so
 * every request that carries one is a new messageId and the pool must hold as many requests as the
 * run sends; and a {@code messageDate} older than {@code replay.window} (24 h by default) is refused, so
 * a pool is good for that long after it was signed — far longer than a run.
 */
final class SignedAsyncRequests {

    private static final String ASYNC_TYPES = "http://bip.bee.kz/AsyncChannel/v10/Types";
    private static final String PAYLOAD_NS = "urn:qaqpa:bench";

    private final IssuedCertificate member;
    private final String senderId;
    private final String password;
    private final String serviceId;
    private final PayloadSize size;
    private final Clock clock;

    SignedAsyncRequests(IssuedCertificate member, String senderId, String password, String serviceId, PayloadSize size,
                        Clock clock) {
        this.member = member;
        this.senderId = senderId;
        this.password = password;
        this.serviceId = serviceId;
        this.size = size;
        this.clock = clock;
    }

    /**
     * {@code count} signed requests, on {@code threads} threads. With {@code withMessageIds} each has its
     * own new messageId; without, the gateway assigns one, so the same request may be sent again and again
     * (docs/async.md: accepted as a new message within the replay window) — what the warm-up does.
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
                futures.add(signers.submit(() -> signed(withMessageIds ? UUID.randomUUID().toString() : null)));
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

    /** One signed request; {@code messageId} null leaves it out. */
    byte[] signed(String messageId) {
        String unsigned = envelope(messageId);
        Document document = new SecureDocuments(XmlLimits.defaults())
                .parse(new ByteArrayInputStream(unsigned.getBytes(StandardCharsets.UTF_8)));
        new XmlSigner(member.privateKey(), member.certificate()).signTransport(document, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
        return SyncMessages.serialize(document);
    }

    /** The unsigned envelope: messageInfo in the contract's order, then the padding as the data. */
    String envelope(String messageId) {
        String head = "<soapenv:Envelope xmlns:soapenv=\"" + SyncMessages.SOAP + "\"><soapenv:Body>"
                + "<ns2:sendMessage xmlns:ns2=\"" + ASYNC_TYPES + "\"><request><messageInfo>"
                + (messageId == null ? "" : "<messageId>" + messageId + "</messageId>")
                + "<serviceId>" + escape(serviceId) + "</serviceId>"
                + "<messageType>REQUEST</messageType>"
                + "<messageDate>" + SyncMessages.now(clock) + "</messageDate>"
                + "<sender><senderId>" + escape(senderId) + "</senderId><password>" + escape(password) + "</password></sender>"
                + "</messageInfo><messageData><data><payload xmlns=\"" + PAYLOAD_NS + "\">";
        String tail = "</payload></data></messageData></request></ns2:sendMessage></soapenv:Body></soapenv:Envelope>";
        int padding = Math.max(0, size.bytes() - head.getBytes(StandardCharsets.UTF_8).length - tail.length());
        return head + "x".repeat(padding) + tail;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
