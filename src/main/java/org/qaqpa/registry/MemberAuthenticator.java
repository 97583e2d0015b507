package org.qaqpa.registry;

import java.security.cert.X509Certificate;
import java.util.function.LongSupplier;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.pki.NcaSubject;
import org.qaqpa.security.pki.ValidatedSigner;

/**
 * Decides who a request is from and whether it may go on: {@link #authenticate} checks
 * {@code senderInfo} (senderId, password) and the transport signature's certificate against the
 * member registry; {@link #authorise} checks the serviceId and the member's rate limit. Plain Java,
 * so each refusal is unit-tested; the routes call it through processors.
 */
public final class MemberAuthenticator {

    private final MemberRegistry members;
    private final PasswordVerifier passwords = new PasswordVerifier();
    private final RateLimiter rateLimiter;
    /** Unknown senders are checked against this, so that they cost the same key derivation as a known sender. */
    private final PasswordHash unknownSender = PasswordHash.unmatchable();

    public MemberAuthenticator(MemberRegistry members) {
        this(members, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock of the rate limiter (tests pass their own) */
    public MemberAuthenticator(MemberRegistry members, LongSupplier nanoTime) {
        this.members = members;
        this.rateLimiter = new RateLimiter(nanoTime);
    }

    /**
     * The member that sent the request. The password is checked before anything is said about the
     * sender, and an unknown sender's password is checked against a dummy hash, so that
     * {@code SENDER_UNKNOWN} and {@code SENDER_AUTH_FAILED} take the same time.
     *
     * @param password the {@code senderInfo/password}, null when the request has none
     * @param signer   the verified transport-signature signer; null only when
     *                 {@code security.require-signature} is false, and then only the password authenticates
     * @throws QaqpaFault {@code SENDER_UNKNOWN}, {@code SENDER_AUTH_FAILED} or {@code SENDER_CERT_MISMATCH}
     */
    public Member authenticate(String senderId, String password, ValidatedSigner signer) {
        Member member = members.find(senderId).orElse(null);
        boolean passwordMatches = passwords.matches(member == null ? unknownSender : member.password(), password);
        if (member == null) {
            throw new QaqpaFault(ErrorCode.SENDER_UNKNOWN,
                    "Sender '" + PrintableText.of(senderId) + "' is not a registered member.");
        }
        if (!passwordMatches) {
            throw new QaqpaFault(ErrorCode.SENDER_AUTH_FAILED, password == null
                    ? "Sender '" + PrintableText.of(senderId) + "' sent no password."
                    : "The password of sender '" + PrintableText.of(senderId) + "' is wrong.");
        }
        if (signer != null && !member.certificates().accepts(signer.certificate())) {
            throw new QaqpaFault(ErrorCode.SENDER_CERT_MISMATCH, "The signing certificate (" + describe(signer.subject())
                    + ") does not belong to sender '" + PrintableText.of(senderId) + "'.");
        }
        return member;
    }

    /**
     * What the member asks of the connection and the size of its requests ({@code members.yaml}): with
     * {@code tls-client-certificate: required}, the TLS client certificate (already trusted by the handshake) must be
     * bound to it like a signing certificate; with {@code max-request-size}, the request must not be larger.
     *
     * @param tlsClientCertificate the certificate the client presented on the connection; null for none or plain HTTP
     * @param requestBytes         the size of the request body
     * @throws QaqpaFault {@code SENDER_TLS_CERT_MISMATCH}, or {@code LIMIT_EXCEEDED} over the member's size limit
     */
    public void checkTransport(Member member, X509Certificate tlsClientCertificate, long requestBytes) {
        if (member.tlsClientCertificateRequired()) {
            if (tlsClientCertificate == null) {
                throw new QaqpaFault(ErrorCode.SENDER_TLS_CERT_MISMATCH, "Sender '" + PrintableText.of(member.senderId())
                        + "' must connect over TLS with a client certificate of its own; the connection had none.");
            }
            if (!member.certificates().accepts(tlsClientCertificate)) {
                throw new QaqpaFault(ErrorCode.SENDER_TLS_CERT_MISMATCH, "The TLS client certificate ("
                        + describe(NcaSubject.of(tlsClientCertificate.getSubjectX500Principal()))
                        + ") does not belong to sender '" + PrintableText.of(member.senderId()) + "'.");
            }
        }
        if (member.maxRequestSize().isPresent() && requestBytes > member.maxRequestSize().getAsLong()) {
            throw new QaqpaFault(ErrorCode.LIMIT_EXCEEDED, "The request is larger than the limit of "
                    + member.maxRequestSize().getAsLong() + " bytes of sender '" + PrintableText.of(member.senderId()) + "'.");
        }
    }

    /**
     * Whether {@code member} may call {@code serviceId} now: it must be in its {@code services}, and
     * within its {@code rate-limit} (only allowed calls use up the limit).
     *
     * @throws QaqpaFault {@code SERVICE_NOT_ALLOWED}, or {@code LIMIT_EXCEEDED} over the rate limit
     */
    public void authorise(Member member, String serviceId) {
        if (!member.mayCall(serviceId)) {
            throw new QaqpaFault(ErrorCode.SERVICE_NOT_ALLOWED, "Sender '" + PrintableText.of(member.senderId())
                    + "' may not call serviceId '" + PrintableText.of(serviceId) + "'.");
        }
        if (!rateLimiter.tryAcquire(member)) {
            throw new QaqpaFault(ErrorCode.LIMIT_EXCEEDED, "Sender '" + PrintableText.of(member.senderId())
                    + "' exceeded its rate limit of " + member.rateLimit().getAsInt() + " requests per second.");
        }
    }

    /** The certificate's identity as the sender may know it: never more than its own certificate says. */
    private static String describe(NcaSubject subject) {
        StringBuilder text = new StringBuilder("CN=").append(PrintableText.of(subject.commonName()));
        subject.iin().ifPresent(iin -> text.append(", IIN ").append(PrintableText.of(iin)));
        subject.bin().ifPresent(bin -> text.append(", BIN ").append(PrintableText.of(bin)));
        return text.toString();
    }
}
