package org.qaqpa.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.qaqpa.async.AcceptedMessage;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.async.DeliveryStatus;
import org.qaqpa.async.StatusNotifications;
import org.qaqpa.registry.MemberRegistry;

/**
 * Called once a message reached a final state ({@code DELIVERED}, {@code NOT_DELIVERED},
 * {@code DELIVERY_STOPPED}): when its sender has an {@code async-url}, queues the sender's
 * {@code changeMassageStatusNotification} ({@link StatusNotifications}); {@link StatusNotifyProcessor}
 * sends it. The notification carries the state as recorded, with its status message and date, and a
 * notificationId of its own that stays the same over the broker's retries.
 */
public final class SenderNotifier {

    /** Message properties of a queued notification (beside {@link Headers#SENDER_ID} and {@link Headers#MESSAGE_ID}). */
    static final String NOTIFICATION_ID = "QaqpaNotificationId";
    static final String STATE = "QaqpaMessageState";
    static final String STATUS_MESSAGE = "QaqpaStatusMessage";
    static final String STATUS_DATE = "QaqpaStatusDate";

    private final DeliveryStateStore states;
    private final MemberRegistry members;
    private final StatusNotifications notifications;

    public SenderNotifier(DeliveryStateStore states, MemberRegistry members, StatusNotifications notifications) {
        this.states = states;
        this.members = members;
        this.notifications = notifications;
    }

    /** Queues the notification of the message's current state, if its sender has an async endpoint. */
    void stateChanged(AcceptedMessage message) {
        if (members.find(message.senderId()).flatMap(member -> member.asyncUrl()).isEmpty()) {
            return;
        }
        DeliveryStatus status = states.status(message.senderId(), message.messageId()).orElseThrow();
        String notificationId = UUID.randomUUID().toString();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(Headers.SENDER_ID, message.senderId());
        properties.put(Headers.MESSAGE_ID, message.messageId());
        properties.put(Headers.SERVICE_ID, message.serviceId());
        properties.put(Headers.SESSION_ID, message.sessionId());
        properties.put(Headers.CORRELATION_ID, message.correlationId());
        properties.put(NOTIFICATION_ID, notificationId);
        properties.put(STATE, status.state().name());
        properties.put(STATUS_MESSAGE, AsyncAnswers.statusMessage(status));
        properties.put(STATUS_DATE, status.stateAt().toString());
        notifications.send(notificationId, properties);
    }
}
