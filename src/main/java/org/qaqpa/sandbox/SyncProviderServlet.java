package org.qaqpa.sandbox;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;

/**
 * What every sandbox sync provider does before it answers: wait for the development PKI, read the
 * POSTed envelope with the gateway's hardened parser, and refuse what it cannot read with a fault
 * signed by the echo key; signing in the SHEP reference form (WS-Security, X509v3 KeyIdentifier).
 */
abstract class SyncProviderServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ProviderKeys.Lazy keys;
    final transient Clock clock;
    private final transient SecureDocuments documents;

    SyncProviderServlet(ProviderKeys.Lazy keys, Clock clock) {
        this(keys, clock, XmlLimits.defaults());
    }

    /** @param limits what requests are parsed with */
    SyncProviderServlet(ProviderKeys.Lazy keys, Clock clock, XmlLimits limits) {
        this.keys = keys;
        this.clock = clock;
        this.documents = new SecureDocuments(limits);
    }

    /** Answers the readable request {@code envelope}. */
    abstract void answer(ProviderKeys keys, Document envelope, HttpServletResponse response) throws IOException;

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ProviderKeys> opened = keys.get();
        if (opened.isEmpty()) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "no development PKI with the echo key in " + keys.pkiDir());
            return;
        }
        Document envelope;
        try (InputStream in = request.getInputStream()) {
            envelope = documents.parse(in);
        } catch (QaqpaFault f) {
            sendFault(opened.get(), response, f, Optional.empty());
            return;
        }
        answer(opened.get(), envelope, response);
    }

    /**
     * The request in {@code envelope} when it is transport-signed by a certificate of the development PKI
     * (the gateway's) and is a readable SendMessage; otherwise the refusal is sent as a signed fault and
     * the result is empty.
     */
    final Optional<SyncRequest> verifiedRequest(ProviderKeys keys, Document envelope, HttpServletResponse response)
            throws IOException {
        try {
            keys.verifier().verify(envelope, XmlSignatureVerifier.Mode.WSS, (signer, presented) ->
                    keys.validator().validate(signer, presented, clock.instant(), CertificateValidator.Purpose.TRANSPORT));
            return Optional.of(SyncRequest.read(envelope));
        } catch (QaqpaFault refusal) {
            sendFault(keys, response, refusal, sessionIdOf(envelope));
            return Optional.empty();
        }
    }

    /** A fault for a refused request ({@code Client} side), signed by the echo key. */
    final void sendFault(ProviderKeys keys, HttpServletResponse response, QaqpaFault refusal, Optional<String> sessionId)
            throws IOException {
        sendFault(keys, response, refusal.code().side() == ErrorCode.Side.CLIENT, refusal.code().name(), refusal.getMessage(),
                sessionId);
    }

    /** A fault with the provider's own {@code errorCode}, signed by the echo key. */
    final void sendFault(ProviderKeys keys, HttpServletResponse response, boolean client, String errorCode, String message,
                         Optional<String> sessionId) throws IOException {
        sendSigned(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                ProviderReplies.fault(client, errorCode, message, sessionId, clock), keys.echo());
    }

    /** The sessionId of a refused request, when it can be read, so the gateway's log can match the fault. */
    private static Optional<String> sessionIdOf(Document envelope) {
        try {
            return SyncRequest.read(envelope).sessionId();
        } catch (QaqpaFault unreadable) {
            return Optional.empty();
        }
    }

    /** Signs the envelope's Body with {@code signer}'s key and sends it. */
    static void sendSigned(HttpServletResponse response, int status, Document envelope, IssuedCertificate signer)
            throws IOException {
        sign(envelope, signer);
        ProviderReplies.send(response, status, envelope);
    }

    static void sign(Document envelope, IssuedCertificate signer) {
        new XmlSigner(signer.privateKey(), signer.certificate()).signTransport(envelope, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
    }
}
