package org.qaqpa.sandbox;

import static org.qaqpa.sandbox.SyncMessages.append;
import static org.qaqpa.sandbox.SyncMessages.child;
import static org.qaqpa.sandbox.SyncMessages.text;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The PUSH recipient of {@code TEST_ASYNC_SERVICE_ID}: an {@code IAsyncChannelClient.sendMessage}
 * endpoint that checks the gateway's transport signature, takes each messageId once (a redelivered
 * copy is answered again but not taken twice, as a recipient's application must dedupe) and answers
 * {@code sendMessageResponse} signed with the echo key.
 *
 * <p>For tests, a message may ask to be refused: a property {@value #FAIL_ATTEMPTS} = N makes its
 * first N deliveries fail with HTTP 503, as a recipient that is down would; {@value #DELAY_MILLIS} = N makes
 * it take N ms over the message before it takes it, as a slow recipient would. {@code GET} reports what
 * arrived: {@code taken=… duplicates=…} overall, {@code attempts=… taken=…} for {@code ?messageId=}, or the
 * messageIds of one chain in the order they were taken, comma-separated, for {@code ?correlationId=} (a
 * REQUEST counts in the chain its own messageId starts).
 *
 * <p>It is also the sandbox's {@code changeMassageStatusNotification} endpoint (a sender whose
 * {@code async-url} is this receiver): it records each notification once (by notificationId) and answers
 * signed with the echo key; {@code GET ?notified=MESSAGE_ID} lists the states notified for that message.
 */
final class AsyncReceiver extends SyncProviderServlet {

    private static final long serialVersionUID = 1L;
    static final String ASYNC_TYPES = "http://bip.bee.kz/AsyncChannel/v10/Types";
    /** The messageInfo property whose value is how many deliveries to refuse first. */
    static final String FAIL_ATTEMPTS = "SANDBOX_FAIL_ATTEMPTS";
    static final String ASYNC_CLIENT_TYPES = "http://bip.bee.kz/AsyncChannel/v10/Types/Client";
    static final String STATUS_NOTIFICATION = "changeMassageStatusNotification";
    /** The messageInfo property whose value is how many milliseconds to take over the message (at most 5 s). */
    static final String DELAY_MILLIS = "SANDBOX_DELAY_MILLIS";
    private static final int MAX_DELAY_MILLIS = 5_000;

    private final transient Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final transient Map<String, Boolean> taken = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final transient Map<String, List<String>> notified = new ConcurrentHashMap<>();
    private final transient Set<String> notificationIds = ConcurrentHashMap.newKeySet();
    /** The messageIds of each chain in the order taken. */
    private final transient Map<String, List<String>> chains = new ConcurrentHashMap<>();

    AsyncReceiver(ProviderKeys.Lazy keys, Clock clock, XmlLimits limits) {
        super(keys, clock, limits);
    }

    @Override
    void answer(ProviderKeys keys, Document envelope, HttpServletResponse response) throws IOException {
        Element info;
        try {
            keys.verifier().verify(envelope, XmlSignatureVerifier.Mode.WSS, (signer, presented) ->
                    keys.validator().validate(signer, presented, clock.instant(), CertificateValidator.Purpose.TRANSPORT));
            Element content = SyncMessages.bodyContent(envelope);
            if (content != null && ASYNC_CLIENT_TYPES.equals(content.getNamespaceURI())
                    && STATUS_NOTIFICATION.equals(content.getLocalName())) {
                sendSigned(response, HttpServletResponse.SC_OK, notified(child(child(content, "request"), "notification")),
                        keys.echo());
                return;
            }
            info = messageInfo(envelope);
        } catch (QaqpaFault refusal) {
            sendFault(keys, response, refusal, Optional.empty());
            return;
        }
        String messageId = text(info, "messageId");
        int attempt = attempts.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
        if (attempt <= failAttempts(info)) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the sandbox recipient is down for this attempt");
            return;
        }
        if (!tookItsTime(info)) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the sandbox recipient is stopping");
            return;
        }
        if (taken.putIfAbsent(messageId, Boolean.TRUE) != null) {
            duplicates.incrementAndGet();
        } else {
            String correlationId = text(info, "correlationId");
            chains.computeIfAbsent(correlationId == null ? messageId : correlationId, id -> new CopyOnWriteArrayList<>())
                    .add(messageId);
        }
        sendSigned(response, HttpServletResponse.SC_OK, acceptance(info, clock), keys.echo());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String messageId = request.getParameter("messageId");
        String correlationId = request.getParameter("correlationId");
        String notifiedAbout = request.getParameter("notified");
        String report;
        if (notifiedAbout != null) {
            report = "notified=" + String.join(",", notified.getOrDefault(notifiedAbout, List.of()));
        } else if (correlationId != null) {
            report = String.join(",", chains.getOrDefault(correlationId, List.of()));
        } else if (messageId != null) {
            report = "attempts=" + Optional.ofNullable(attempts.get(messageId)).map(AtomicInteger::get).orElse(0)
                    + " taken=" + taken.containsKey(messageId);
        } else {
            report = "taken=" + taken.size() + " duplicates=" + duplicates.get();
        }
        byte[] bytes = report.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Records a status notification once per notificationId; answers {@code changeMassageStatusNotificationResponse}. */
    private Document notified(Element notification) {
        if (notification == null || text(notification, "notificationId") == null) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The changeMassageStatusNotification has no notification.");
        }
        if (notificationIds.add(text(notification, "notificationId"))) {
            notified.computeIfAbsent(text(notification, "messageId"), id -> new CopyOnWriteArrayList<>())
                    .add(text(notification, "messageState"));
        }
        return notificationAnswer(clock);
    }

    /** A recipient's {@code changeMassageStatusNotificationResponse}: now, and a sessionId of its own. */
    static Document notificationAnswer(Clock clock) {
        Element body = SyncMessages.newEnvelope();
        Element root = body.getOwnerDocument().createElementNS(ASYNC_CLIENT_TYPES, "ns2:" + STATUS_NOTIFICATION + "Response");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ns2", ASYNC_CLIENT_TYPES);
        body.appendChild(root);
        Element response = append(root, "response", null);
        append(response, "responseDate", SyncMessages.now(clock));
        append(response, "sessionId", "{" + UUID.randomUUID() + "}");
        return body.getOwnerDocument();
    }

    /** The {@code messageInfo} of the envelope's {@code sendMessage}, which must name its messageId. */
    static Element messageInfo(Document envelope) {
        Element content = SyncMessages.bodyContent(envelope);
        if (content == null || !ASYNC_TYPES.equals(content.getNamespaceURI()) || !"sendMessage".equals(content.getLocalName())) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The SOAP Body holds no async sendMessage.");
        }
        Element info = child(child(content, "request"), "messageInfo");
        if (info == null || text(info, "messageId") == null) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The sendMessage has no request/messageInfo/messageId.");
        }
        return info;
    }

    /** Waits {@value #DELAY_MILLIS} when the message asks for it; false when interrupted (the server stops). */
    private static boolean tookItsTime(Element info) {
        int millis = Math.min(property(info, DELAY_MILLIS), MAX_DELAY_MILLIS);
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int failAttempts(Element info) {
        return property(info, FAIL_ATTEMPTS);
    }

    /** A numeric messageInfo property, 0 when absent or not a number. */
    private static int property(Element info, String key) {
        for (Element property : SyncMessages.elementChildren(info)) {
            if ("properties".equals(property.getLocalName()) && key.equals(text(property, "key"))) {
                try {
                    return Integer.parseInt(text(property, "value").strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** A recipient's {@code sendMessageResponse} to the message of {@code info}: taken, now. */
    static Document acceptance(Element info, Clock clock) {
        Element body = SyncMessages.newEnvelope();
        Element root = body.getOwnerDocument().createElementNS(ASYNC_TYPES, "ns2:sendMessageResponse");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ns2", ASYNC_TYPES);
        body.appendChild(root);
        Element response = append(root, "response", null);
        String messageId = text(info, "messageId");
        append(response, "messageId", messageId);
        String correlationId = text(info, "correlationId");
        append(response, "correlationId", correlationId == null ? messageId : correlationId);
        append(response, "responseDate", SyncMessages.now(clock));
        String sessionId = text(info, "sessionId");
        if (sessionId != null) {
            append(response, "sessionId", sessionId);
        }
        return body.getOwnerDocument();
    }
}
