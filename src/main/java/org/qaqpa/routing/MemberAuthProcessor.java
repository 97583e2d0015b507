package org.qaqpa.routing;

import org.apache.camel.Exchange;
import java.security.cert.X509Certificate;
import org.apache.camel.Processor;
import org.qaqpa.registry.Member;
import org.qaqpa.registry.MemberAuthenticator;
import org.qaqpa.security.pki.ValidatedSigner;

/**
 * Route step: the sender of the request ({@link SenderCredentials}, from {@code requestInfo/sender} or the
 * async request's {@code sender}) must be a member, know its password and have
 * signed with a certificate bound to it ({@code SENDER_UNKNOWN}, {@code SENDER_AUTH_FAILED},
 * {@code SENDER_CERT_MISMATCH}). The member goes into the exchange property {@link #MEMBER}.
 */
public final class MemberAuthProcessor implements Processor {

    /** Exchange property holding the authenticated {@link Member}. */
    public static final String MEMBER = "QaqpaMember";

    private final MemberAuthenticator authenticator;

    public MemberAuthProcessor(MemberAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * The member's own demands on the connection and the request size ({@code tls-client-certificate},
     * {@code max-request-size}), from what the endpoint recorded about this request.
     */
    static void checkTransport(Exchange exchange, MemberAuthenticator authenticator, Member member) {
        byte[] request = exchange.getProperty(RequestContextProcessor.REQUEST_BYTES, byte[].class);
        authenticator.checkTransport(member,
                exchange.getProperty(RequestContextProcessor.TLS_CLIENT_CERTIFICATE, X509Certificate.class),
                request == null ? 0 : request.length);
    }

    @Override
    public void process(Exchange exchange) {
        SenderCredentials sender = exchange.getProperty(SenderCredentials.PROPERTY, SenderCredentials.class);
        ValidatedSigner signer = exchange.getProperty(RequestContextProcessor.SIGNER, ValidatedSigner.class);
        Member member = authenticator.authenticate(sender == null ? null : sender.senderId(),
                sender == null ? null : sender.password(), signer);
        checkTransport(exchange, authenticator, member);
        exchange.setProperty(MEMBER, member);
    }
}
