package org.qaqpa.async;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import java.util.Map;
import org.springframework.jms.core.JmsTemplate;

/**
 * Puts status notifications for senders into the broker's durable queue {@value DeliveryQueue#NOTIFY}:
 * when a message becomes {@code DELIVERED}, {@code NOT_DELIVERED} or {@code DELIVERY_STOPPED} and its
 * sender has an {@code async-url}, the sender is sent {@code changeMassageStatusNotification}. Queued
 * rather than called at once, so that a notification survives a crash and a sender that is down gets
 * it later: the broker retries it by the address settings of the queue (the one retry owner, as for
 * deliveries). The send is persistent and blocking, like {@link DeliveryQueue}'s; the notificationId
 * is the broker's duplicate-detection id, so one notification is queued once.
 */
public final class StatusNotifications {

    private final JmsTemplate jms;

    public StatusNotifications(ConnectionFactory connectionFactory) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setExplicitQosEnabled(true);
        this.jms.setDeliveryMode(DeliveryMode.PERSISTENT);
        this.jms.setSessionTransacted(false);
    }

    /**
     * Queues one notification, described by its message properties (JMS property names; null values left out).
     *
     * @throws org.springframework.jms.JmsException when the broker did not take it
     */
    public void send(String notificationId, Map<String, String> properties) {
        jms.send(DeliveryQueue.NOTIFY, session -> {
            Message message = session.createMessage();
            for (Map.Entry<String, String> property : properties.entrySet()) {
                if (property.getValue() != null) {
                    message.setStringProperty(property.getKey(), property.getValue());
                }
            }
            message.setStringProperty(DeliveryQueue.DUPLICATE_ID, "notify:" + notificationId);
            return message;
        });
    }
}
