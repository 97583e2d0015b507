package org.qaqpa.routing;

/** Names of the Camel message headers the gateway's processors set for routes to read. */
public final class Headers {

    /** The SHEP session id, {@code {uuid}}. */
    public static final String SESSION_ID = "QaqpaSessionId";
    /** The sender's {@code messageId}. */
    public static final String MESSAGE_ID = "QaqpaMessageId";
    /**
     * The sender's {@code messageDate} as an {@link java.time.Instant}; a date written without an offset
     * is read in the gateway's time zone.
     */
    public static final String MESSAGE_DATE = "QaqpaMessageDate";
    /** The {@code serviceId} the message is for. */
    public static final String SERVICE_ID = "QaqpaServiceId";
    /** The chain an async message belongs to ({@code correlationId}); for sync, as the sender stated it. */
    public static final String CORRELATION_ID = "QaqpaCorrelationId";
    /** The async {@code messageType}: REQUEST, NOTIFICATION, UPDATE or RESPONSE. */
    public static final String MESSAGE_TYPE = "QaqpaMessageType";
    /** The optional {@code routeId} for additional routing. */
    public static final String ROUTE_ID = "QaqpaRouteId";
    /** The sender's {@code senderId}. */
    public static final String SENDER_ID = "QaqpaSenderId";
    /**
     * For a request another gateway node passed on (its sender is a member with {@code node: true}): the
     * member that sent it to the first node, as that node named it ({@code qaqpa.originalSenderId}).
     */
    public static final String ORIGINAL_SENDER_ID = "QaqpaOriginalSenderId";
    /** IIN of the transport signature's signer (NCA subject {@code SERIALNUMBER=IIN…}), when it has one. */
    public static final String SIGNER_IIN = "QaqpaSignerIin";
    /** BIN of the signer's organisation (NCA subject {@code OU=BIN…}), when it has one. */
    public static final String SIGNER_BIN = "QaqpaSignerBin";
    /** Common name of the signer. */
    public static final String SIGNER_NAME = "QaqpaSignerName";
    /** The Camel endpoint URI of the provider route chosen for the serviceId. */
    /** IIN of the business signature's signer, for services that require one. */
    public static final String BUSINESS_SIGNER_IIN = "QaqpaBusinessSignerIin";
    /** BIN of the business signature's signer, for services that require one. */
    public static final String BUSINESS_SIGNER_BIN = "QaqpaBusinessSignerBin";
    public static final String PROVIDER_ENDPOINT = "QaqpaProviderEndpoint";
    /** Async chain messages going back to the requester: the member that sent the chain's REQUEST. */
    public static final String REQUESTER_ID = "QaqpaRequesterId";

    private Headers() {
    }
}
