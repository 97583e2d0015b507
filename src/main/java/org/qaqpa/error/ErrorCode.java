package org.qaqpa.error;

/**
 * The fault catalogue: every {@code errorCode} the gateway can put into {@code ErrorInfo}.
 * {@code docs/errors.md} is checked against this enum by {@code ErrorCatalogueTest}.
 */
public enum ErrorCode {

    MESSAGE_INVALID(Side.CLIENT, "The request is not a SOAP 1.1 envelope or does not match the contract schema."),
    XML_FORBIDDEN(Side.CLIENT, "The request uses an XML feature the gateway refuses (DTD, entity, XInclude, processing instruction)."),
    LIMIT_EXCEEDED(Side.CLIENT, "The request exceeds a size, structure or rate limit (bytes, depth, attributes, children, requests per second)."),
    SIGNATURE_MISSING(Side.CLIENT, "The request carries no WS-Security transport signature."),
    SIGNATURE_INVALID(Side.CLIENT, "A signature does not verify: the signed content or the signature value was changed."),
    SIGNATURE_COVERAGE(Side.CLIENT, "The signature does not cover the SOAP Body that is processed."),
    ALGORITHM_FORBIDDEN(Side.CLIENT, "The signature uses an algorithm, transform or reference the policy forbids."),
    CERT_UNTRUSTED(Side.CLIENT, "The signing certificate does not chain to a configured trust anchor."),
    CERT_EXPIRED(Side.CLIENT, "The signing certificate was not valid at the message time."),
    CERT_REVOKED(Side.CLIENT, "The signing certificate is revoked."),
    CERT_STATUS_UNKNOWN(Side.CLIENT, "The revocation status of the signing certificate could not be established."),
    CERT_KEY_USAGE(Side.CLIENT, "The signing certificate is not allowed to sign (key usage or policy)."),
    SENDER_UNKNOWN(Side.CLIENT, "The senderId is not a registered member."),
    SENDER_AUTH_FAILED(Side.CLIENT, "The sender's password is wrong."),
    SENDER_CERT_MISMATCH(Side.CLIENT, "The signing certificate does not belong to the sender."),
    SENDER_TLS_CERT_MISMATCH(Side.CLIENT, "The sender must connect with a TLS client certificate of its own, and did not."),
    SERVICE_NOT_FOUND(Side.CLIENT, "No provider is registered for the serviceId."),
    SERVICE_NOT_ALLOWED(Side.CLIENT, "The sender may not call this serviceId."),
    DUPLICATE_MESSAGE(Side.CLIENT, "A message with this messageId was already accepted from this sender."),
    MESSAGE_DATE_SKEW(Side.CLIENT, "The messageDate is too far from the gateway's clock."),
    PROVIDER_UNAVAILABLE(Side.SERVER, "The provider system could not be reached."),
    PROVIDER_TIMEOUT(Side.SERVER, "The provider system did not answer in time."),
    PROVIDER_FAULT(Side.SERVER, "The provider system answered with a fault."),
    PROVIDER_SIGNATURE_INVALID(Side.SERVER, "The provider's response signature does not verify."),
    MESSAGE_NOT_FOUND(Side.CLIENT, "No message with this messageId is known to the gateway."),
    INTERNAL_ERROR(Side.SERVER, "The gateway failed; the request was not processed. The sessionId identifies it in the gateway log.");

    /** Whose fault a refusal is; decides the SOAP 1.1 faultcode ({@code Client} or {@code Server}). */
    public enum Side { CLIENT, SERVER }

    private final Side side;
    private final String meaning;

    ErrorCode(Side side, String meaning) {
        this.side = side;
        this.meaning = meaning;
    }

    public Side side() {
        return side;
    }

    /** One sentence for users: what the code means. */
    public String meaning() {
        return meaning;
    }
}
