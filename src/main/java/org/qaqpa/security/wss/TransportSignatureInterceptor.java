package org.qaqpa.security.wss;

import java.time.Clock;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.binding.soap.interceptor.ReadHeadersInterceptor;
import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.staxutils.W3CDOMStreamReader;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.ValidatedSigner;
import org.w3c.dom.Document;

/**
 * Verifies the WS-Security transport signature of every inbound request before CXF reads the
 * envelope: the whole envelope is read into DOM (through the guarded reader), verified, and CXF
 * then reads that same DOM — so the Body the signature covers is the Body that is processed.
 * The signer's certificate is checked at the time the request arrives, not at its messageDate,
 * which the sender chooses.
 */
public final class TransportSignatureInterceptor extends AbstractSoapInterceptor {

    /** The header this interceptor processes: CXF must not refuse it as a not-understood mustUnderstand header. */
    private static final Set<QName> UNDERSTOOD = Set.of(
            new QName("http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd", "Security"));

    /** Exchange key of the {@link ValidatedSigner} of the request. */
    public static final String SIGNER = "qaqpa.signer";

    private final XmlSignatureVerifier verifier;
    private final CertificateValidator certificates;
    private final GatewayKeyRing keys;
    private final Clock clock;

    /** @param keys the gateway's own keys, current and replaced, none of which ever signs a request */
    public TransportSignatureInterceptor(XmlSignatureVerifier verifier, CertificateValidator certificates,
                                         GatewayKeyRing keys, Clock clock) {
        super(Phase.READ);
        addBefore(ReadHeadersInterceptor.class.getName());
        this.verifier = verifier;
        this.certificates = certificates;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return UNDERSTOOD;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (isGET(message)) {
            return;
        }
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader == null) {
            return;
        }
        Document envelope;
        try {
            envelope = StaxUtils.read(reader);
        } catch (XMLStreamException e) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request is not well-formed XML.", e);
        }
        ValidatedSigner[] signer = new ValidatedSigner[1];
        // Trust before work: the certificate is checked before any digest or signature is computed.
        verifier.verify(envelope, XmlSignatureVerifier.Mode.WSS, (certificate, presented) -> {
            if (keys.isOwn(certificate)) {
                throw new QaqpaFault(ErrorCode.CERT_UNTRUSTED, "The gateway's own certificate does not sign requests.");
            }
            signer[0] = certificates.validate(certificate, presented, clock.instant(), CertificateValidator.Purpose.TRANSPORT);
        });
        message.getExchange().put(SIGNER, signer[0]);
        message.setContent(XMLStreamReader.class, new W3CDOMStreamReader(envelope));
    }
}
