package org.qaqpa.async;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * An operator's view of the gateway's broker, through Artemis management messages — over the embedded
 * broker's loopback acceptor ({@link LocalBrokerAccess}), or to the external broker: the async queues and their counts, where a message
 * waits, and {@code retryMessage}, the broker's own way to send a dead letter back to the address it
 * came from ({@code _AMQ_ORIG_ADDRESS}) as a new message with a fresh delivery count.
 */
public final class BrokerAdminClient implements AutoCloseable {

    /** Every queue of the async channel starts so (STYLE.md §4). */
    public static final String ASYNC_QUEUE_PREFIX = "qaqpa.async.";
    /** The message property Artemis sets on a dead letter: the address it was first sent to. */
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    /** The message properties the async channel queues a message with (routing.Headers, set by AsyncAcceptProcessor). */
    private static final String SENDER_ID = "QaqpaSenderId";
    private static final String MESSAGE_ID = "QaqpaMessageId";

    /**
     * One message as the broker holds it.
     *
     * @param brokerId        the broker's id of the message in this queue (what {@code retryMessage} takes)
     * @param deliveryCount   how often the broker delivered it from this queue
     * @param originalAddress where a dead letter was first sent, if it is one
     */
    public record QueuedMessage(String queue, long brokerId, String senderId, String messageId, int deliveryCount,
                                Optional<String> originalAddress) {
    }

    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final ClientSession session;
    private final ClientRequestor requestor;

    private BrokerAdminClient(ServerLocator locator, ClientSessionFactory factory, ClientSession session,
                              ClientRequestor requestor) {
        this.locator = locator;
        this.factory = factory;
        this.session = session;
        this.requestor = requestor;
    }

    /** Connects to a running gateway's embedded broker through its loopback acceptor. */
    public static BrokerAdminClient connect(LocalBrokerAccess.Credentials access) {
        return connect(new BrokerLogin(access.url(), Optional.of(access.user()), Optional.of(access.password())));
    }

    /**
     * Connects and logs in; fails at once (no reconnect attempts) when nothing listens there, with a
     * {@link BrokerUnavailableException} of one line that says which (as the gateway's own connection does).
     */
    public static BrokerAdminClient connect(BrokerLogin login) {
        ServerLocator locator = null;
        ClientSessionFactory factory = null;
        try {
            locator = ActiveMQClient.createServerLocator(login.url());
            locator.setReconnectAttempts(0).setInitialConnectAttempts(1).setCallTimeout(10_000);
            factory = locator.createSessionFactory();
            ClientSession session = factory.createSession(login.user().orElse(null), login.password().orElse(null),
                    false, true, true, false, 1);
            session.start();
            ClientRequestor requestor = new ClientRequestor(session,
                    ActiveMQDefaultConfiguration.getDefaultManagementAddress());
            return new BrokerAdminClient(locator, factory, session, requestor);
        } catch (Exception e) {
            if (factory != null) {
                factory.close();
            }
            if (locator != null) {
                locator.close();
            }
            throw BrokerUnavailableException.connecting(login.url(), login.user(), e);
        }
    }

    /** The async channel's queues, by name. */
    public List<String> asyncQueues() throws Exception {
        Object[] names = (Object[]) attribute(ResourceNames.BROKER, "queueNames");
        return Arrays.stream(names).map(String::valueOf).filter(name -> name.startsWith(ASYNC_QUEUE_PREFIX)).sorted().toList();
    }

    /** Messages in {@code queue}, waiting or being delivered. */
    public long messageCount(String queue) throws Exception {
        return ((Number) attribute(ResourceNames.QUEUE + queue, "messageCount")).longValue();
    }

    /** Every copy of the sender's message in any async queue (normally one). */
    public List<QueuedMessage> find(String senderId, String messageId) throws Exception {
        String filter = SENDER_ID + " = " + quoted(senderId) + " AND " + MESSAGE_ID + " = " + quoted(messageId);
        List<QueuedMessage> found = new ArrayList<>();
        for (String queue : asyncQueues()) {
            found.addAll(list(queue, filter));
        }
        return found;
    }

    /** The dead letters in {@code deadLetterQueue} that were first sent to {@code queue}. */
    public List<QueuedMessage> deadLettersOf(String deadLetterQueue, String queue) throws Exception {
        return list(deadLetterQueue, fromQueue(queue));
    }

    /** How many dead letters in {@code deadLetterQueue} were first sent to {@code queue}. */
    public long countDeadLettersOf(String deadLetterQueue, String queue) throws Exception {
        return ((Number) operation(ResourceNames.QUEUE + deadLetterQueue, "countMessages", fromQueue(queue))).longValue();
    }

    /**
     * Deletes the dead letters in {@code deadLetterQueue} that were first sent to {@code queue}.
     *
     * @return how many the broker removed
     */
    public int purgeDeadLettersOf(String deadLetterQueue, String queue) throws Exception {
        return ((Number) operation(ResourceNames.QUEUE + deadLetterQueue, "removeMessages", fromQueue(queue))).intValue();
    }

    private List<QueuedMessage> list(String queue, String filter) throws Exception {
        List<QueuedMessage> found = new ArrayList<>();
        for (Object entry : (Object[]) operation(ResourceNames.QUEUE + queue, "listMessages", filter)) {
            Map<?, ?> message = (Map<?, ?>) entry;
            found.add(new QueuedMessage(queue, ((Number) message.get("messageID")).longValue(),
                    String.valueOf(message.get(SENDER_ID)), String.valueOf(message.get(MESSAGE_ID)),
                    Optional.ofNullable((Number) message.get("deliveryCount")).map(Number::intValue).orElse(0),
                    Optional.ofNullable(message.get(ORIGINAL_ADDRESS)).map(String::valueOf)));
        }
        return found;
    }

    /** The filter of dead letters first sent to {@code queue} (its address: the delivery queues are anycast, one per address). */
    private static String fromQueue(String queue) {
        return ORIGINAL_ADDRESS + " = " + quoted(queue);
    }

    /**
     * Sends a dead letter back to its original address (management {@code retryMessage}).
     *
     * @return false if the broker no longer holds it in {@code queue}
     */
    public boolean retry(QueuedMessage deadLetter) throws Exception {
        return (Boolean) operation(ResourceNames.QUEUE + deadLetter.queue(), "retryMessage", deadLetter.brokerId());
    }

    /**
     * Stops {@code queue} handing messages to its consumers until {@link #resume} (or a broker restart: the
     * pause is not persisted); messages still arrive. Tests use it to hold a backlog.
     */
    public void pause(String queue) throws Exception {
        operation(ResourceNames.QUEUE + queue, "pause");
    }

    /** Lets a paused queue deliver again. */
    public void resume(String queue) throws Exception {
        operation(ResourceNames.QUEUE + queue, "resume");
    }

    private Object attribute(String resource, String name) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putAttribute(request, resource, name);
        return result(request, resource + "." + name);
    }

    private Object operation(String resource, String name, Object... arguments) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putOperationInvocation(request, resource, name, arguments);
        return result(request, resource + "." + name + "()");
    }

    private Object result(ClientMessage request, String what) throws Exception {
        ClientMessage reply = requestor.request(request, 10_000);
        if (reply == null) {
            throw new IllegalStateException("the broker did not answer " + what + " within 10 s");
        }
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("the broker refused " + what + ": " + ManagementHelper.getResult(reply));
        }
        return ManagementHelper.getResult(reply);
    }

    /** A string literal of Artemis' filter (SQL 92) syntax. */
    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public void close() throws Exception {
        try {
            requestor.close();
            session.close();
        } finally {
            factory.close();
            locator.close();
        }
    }
}
