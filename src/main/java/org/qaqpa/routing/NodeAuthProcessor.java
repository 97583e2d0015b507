package org.qaqpa.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.Member;
import org.qaqpa.registry.MemberAuthenticator;
import org.qaqpa.registry.MemberRegistry;
import org.qaqpa.security.pki.ValidatedSigner;

/**
 * Route step of {@code /bip-async-client/}, where only other gateway nodes call: the request's transport signature
 * must be by a certificate bound to a member with {@code node: true}, which goes into
 * {@link MemberAuthProcessor#MEMBER}. {@code IAsyncChannelClient} carries no password (its {@code sender} is the
 * member that wrote the message, not the caller), so the signature is the node's whole credential. Anyone else:
 * {@code SENDER_UNKNOWN}. A node's own {@code tls-client-certificate} and {@code max-request-size} are checked as
 * for any member ({@code SENDER_TLS_CERT_MISMATCH}, {@code LIMIT_EXCEEDED}). A request without a sender (a status
 * notification) is logged under the node.
 */
public final class NodeAuthProcessor implements Processor {

    private final MemberRegistry members;
    private final MemberAuthenticator authenticator;

    /** @param authenticator checks the node's own transport demands ({@code tls-client-certificate}, {@code max-request-size}) */
    public NodeAuthProcessor(MemberRegistry members, MemberAuthenticator authenticator) {
        this.members = members;
        this.authenticator = authenticator;
    }

    @Override
    public void process(Exchange exchange) {
        ValidatedSigner signer = exchange.getProperty(RequestContextProcessor.SIGNER, ValidatedSigner.class);
        if (signer == null) {
            throw new QaqpaFault(ErrorCode.SENDER_UNKNOWN, "Only gateway nodes may call /bip-async-client/, and this"
                    + " gateway cannot tell one without a transport signature.");
        }
        Member node = members.nodes().stream().filter(member -> member.certificates().accepts(signer.certificate()))
                .findFirst().orElseThrow(() -> new QaqpaFault(ErrorCode.SENDER_UNKNOWN, "Only gateway nodes may call"
                        + " /bip-async-client/; the signing certificate (CN=" + PrintableText.of(signer.subject().commonName())
                        + ") belongs to none."));
        MemberAuthProcessor.checkTransport(exchange, authenticator, node);
        exchange.setProperty(MemberAuthProcessor.MEMBER, node);
        if (exchange.getIn().getHeader(Headers.SENDER_ID) == null) {
            exchange.getIn().setHeader(Headers.SENDER_ID, node.senderId());
        }
    }
}
