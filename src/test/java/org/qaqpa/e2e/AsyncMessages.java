package org.qaqpa.e2e;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.qaqpa.config.GatewayConfig;

/** Async-channel request envelopes for the end-to-end tests (shep-contract.md §1.3), unsigned. */
public final class AsyncMessages {

    /**
     * Async settings that make retries and the dead-letter path finish within seconds: {@code attempts}
     * deliveries, 200 ms doubling up to 1 s apart, {@code consumers} at once.
     */
    public static GatewayConfig.Async quickRetries(int attempts, int consumers) {
        return new GatewayConfig.Async(attempts, Duration.ofMillis(200), 2, Duration.ofSeconds(1), consumers);
    }

    public static final String ASYNC_TYPES = "http://bip.bee.kz/AsyncChannel/v10/Types";
    public static final String TEST_ASYNC_SERVICE = "TEST_ASYNC_SERVICE_ID";
    public static final String TEST_PULL_SERVICE = "TEST_ASYNC_PULL_SERVICE_ID";
    /** The recipient member of {@link #TEST_PULL_SERVICE} (signs with the development PKI's individual key). */
    public static final String PULL_RECIPIENT = "dev-individual";

    private AsyncMessages() {
    }

    /** A {@code sendMessage} without messageId from dev-client; {@code extraInfo} goes after {@code sender}. */
    public static String sendMessage(String messageType, String correlationId, String extraInfo) {
        return sendMessage(TEST_ASYNC_SERVICE, Envelopes.SENDER, messageType, correlationId, extraInfo);
    }

    /** A {@code sendMessage} without messageId for {@code serviceId} from {@code senderId} (password {@code changeit}). */
    public static String sendMessage(String serviceId, String senderId, String messageType, String correlationId,
                                     String extraInfo) {
        return sendMessage(null, serviceId, senderId, messageType, correlationId, extraInfo);
    }

    /** A {@code REQUEST} from dev-client that gives its own {@code messageId} (the replay guard then holds it). */
    public static String sendMessageWithId(String messageId) {
        return sendMessage(messageId, TEST_ASYNC_SERVICE, Envelopes.SENDER, "REQUEST", null, "");
    }

    private static String sendMessage(String messageId, String serviceId, String senderId, String messageType,
                                      String correlationId, String extraInfo) {
        return envelope("sendMessage", "<request><messageInfo>"
                + (messageId == null ? "" : "<messageId>" + messageId + "</messageId>")
                + (correlationId == null ? "" : "<correlationId>" + correlationId + "</correlationId>")
                + "<serviceId>" + serviceId + "</serviceId>"
                + "<messageType>" + messageType + "</messageType>"
                + "<messageDate>" + now() + "</messageDate>"
                + "<sender><senderId>" + senderId + "</senderId><password>" + Envelopes.PASSWORD + "</password></sender>"
                + extraInfo
                + "</messageInfo><messageData><data><ping xmlns=\"urn:e2e\">async</ping></data></messageData></request>");
    }

    /** A REQUEST whose first {@code failures} deliveries the sandbox recipient refuses (HTTP 503). */
    public static String failingFirst(int failures) {
        return sendMessage("REQUEST", null, "<properties><key>SANDBOX_FAIL_ATTEMPTS</key><value>" + failures
                + "</value></properties>");
    }

    /** A {@code getMessageStatus} of {@code senderId} (password {@code changeit}). */
    public static String getMessageStatus(String messageId, String senderId) {
        return envelope("getMessageStatus", "<request><messageId>" + messageId + "</messageId>"
                + "<requestDate>" + now() + "</requestDate>"
                + "<sender><senderId>" + senderId + "</senderId><password>" + Envelopes.PASSWORD + "</password></sender>"
                + "</request>");
    }

    /**
     * A {@code getMessages} of {@code senderId} for {@code serviceId}; {@code messageId}, {@code correlationId}
     * and {@code amount} are left out when null.
     */
    public static String getMessages(String serviceId, String senderId, String messageId, String correlationId,
                                     Integer amount) {
        return envelope("getMessages", "<request>"
                + (messageId == null ? "" : "<messageId>" + messageId + "</messageId>")
                + (correlationId == null ? "" : "<correlationId>" + correlationId + "</correlationId>")
                + "<requestDate>" + now() + "</requestDate>"
                + "<serviceId>" + serviceId + "</serviceId>"
                + "<sender><senderId>" + senderId + "</senderId><password>" + Envelopes.PASSWORD + "</password></sender>"
                + (amount == null ? "" : "<amount>" + amount + "</amount>")
                + "</request>");
    }

    /**
     * A {@code sendDeliveryNotification} of {@code senderId} about {@code messageId}: {@code receiveStatus}
     * {@code MESSAGE_ACCEPTED} or {@code MESSAGE_NOT_ACCTEPTED}, {@code resend} {@code RESEND} or {@code NOT_RESEND}.
     */
    public static String sendDeliveryNotification(String messageId, String serviceId, String senderId, String receiveStatus,
                                                  String resend) {
        return envelope("sendDeliveryNotification", "<request><notification>"
                + "<messageId>" + messageId + "</messageId>"
                + "<serviceId>" + serviceId + "</serviceId>"
                + "<notificationDate>" + now() + "</notificationDate>"
                + "<deliveryStatus><receiveStatus>" + receiveStatus + "</receiveStatus>"
                + "<statusDate>" + now() + "</statusDate>"
                + "<resendMessage>" + resend + "</resendMessage></deliveryStatus>"
                + "</notification>"
                + "<requestDate>" + now() + "</requestDate>"
                + "<sender><senderId>" + senderId + "</senderId><password>" + Envelopes.PASSWORD + "</password></sender>"
                + "</request>");
    }

    public static String envelope(String operation, String content) {
        return "<soapenv:Envelope xmlns:soapenv=\"" + Envelopes.SOAP_NS + "\"><soapenv:Body>"
                + "<ns3:" + operation + " xmlns:ns3=\"" + ASYNC_TYPES + "\">" + content + "</ns3:" + operation + ">"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    /** Now, always with seconds: {@code OffsetDateTime.toString()} drops {@code :00.000}, which xs:dateTime refuses. */
    private static String now() {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
