package org.qaqpa.async;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import java.util.Map;
import org.springframework.jms.core.JmsTemplate;

/**
 * Puts accepted async messages into the broker's delivery queue. The send is persistent and
 * blocking: it returns only once the broker has written the message to its journal (synced, see
 * {@link EmbeddedBroker}), so the sender is answered only for a message that survives a crash.
 * The broker's duplicate detection ({@code _AMQ_DUPL_ID}, {@link AcceptedMessage#duplicateId()})
 * drops a second copy of the same sender's messageId.
 *
 * <p>Every message is in the message group of its chain ({@link AcceptedMessage#chainId()}), so the broker
 * delivers the messages of one correlationId one after another, in the order they were accepted, while
 * other chains go to the other consumers in parallel (docs/async.md, "Ordering").
 */
public final class DeliveryQueue {

    /** Where accepted messages wait for delivery (those of a service with its own retry settings: {@link DeliveryQueues}). */
    public static final String DELIVERY = "qaqpa.async.delivery";
    /** Where messages go after their last failed attempt. */
    public static final String DEAD_LETTERS = "qaqpa.async.dlq";
    /** Where status notifications to senders ({@code changeMassageStatusNotification}) wait, see {@link StatusNotifications}. */
    public static final String NOTIFY = "qaqpa.async.notify";
    /** Where status notifications go after their last failed attempt. */
    public static final String NOTIFY_DEAD_LETTERS = "qaqpa.async.notify.dlq";
    /** The Artemis message property its duplicate detection reads. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** The JMS message group: Artemis hands a group's messages to one consumer at a time, in queue order. */
    static final String GROUP_ID = "JMSXGroupID";

    private final JmsTemplate jms;

    public DeliveryQueue(ConnectionFactory connectionFactory) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setExplicitQosEnabled(true);
        this.jms.setDeliveryMode(DeliveryMode.PERSISTENT);
        this.jms.setSessionTransacted(false);
    }

    /**
     * Sends {@code body} with {@code properties} (JMS property names; null values are left out) to {@code queue}.
     *
     * @throws org.springframework.jms.JmsException when the broker did not take the message
     */
    public void send(String queue, AcceptedMessage message, byte[] body, Map<String, String> properties) {
        jms.send(queue, session -> {
            BytesMessage jmsMessage = session.createBytesMessage();
            jmsMessage.writeBytes(body);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                if (property.getValue() != null) {
                    jmsMessage.setStringProperty(property.getKey(), property.getValue());
                }
            }
            jmsMessage.setStringProperty(DUPLICATE_ID, message.duplicateId());
            jmsMessage.setStringProperty(GROUP_ID, message.chainId());
            return jmsMessage;
        });
    }
}
