package org.qaqpa.security.wss;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.cxf.interceptor.MessageSenderInterceptor;
import org.apache.cxf.io.CachedOutputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.SpooledXml;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;

/**
 * Signs the answers and faults the gateway returns to authenticated senders with its own key, in
 * the SHEP reference form (WS-Security, exc-c14n over the Body, X509v3 KeyIdentifier): the envelope
 * CXF writes is held back, signed as a whole, then sent. Refusals of requests whose signature did
 * not verify are not signed: a private-key operation per unauthenticated request would let anyone
 * make the gateway burn CPU with junk. A DOM round trip per answer; [8/10] measures it. The signed answer is
 * spooled ({@link SpooledXml}), not held as one more byte array beside its DOM.
 */
public final class ResponseSignatureInterceptor extends AbstractPhaseInterceptor<Message> {

    private final GatewayKeyRing keys;
    private final SecureDocuments documents;

    /** @param keys the gateway's keys: each answer is signed with the key current when it is sent */
    public ResponseSignatureInterceptor(GatewayKeyRing keys) {
        super(Phase.PRE_STREAM);
        addBefore("org.apache.cxf.interceptor.StaxOutInterceptor");
        this.keys = keys;
        // Our own output: no request limits, but the same hardened parser.
        this.documents = new SecureDocuments(new XmlLimits(Long.MAX_VALUE, 1_000, 10_000, Integer.MAX_VALUE,
                Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    @Override
    public void handleMessage(Message message) {
        OutputStream wire = message.getContent(OutputStream.class);
        if (wire == null || message.getExchange().get(TransportSignatureInterceptor.SIGNER) == null) {
            return;
        }
        CachedOutputStream held = new CachedOutputStream();
        message.setContent(OutputStream.class, held);
        message.getInterceptorChain().add(new SignAndSend(wire, held));
    }

    /** Runs once CXF has written and closed the envelope, before the HTTP response is completed. */
    private final class SignAndSend extends AbstractPhaseInterceptor<Message> {

        private final OutputStream wire;
        private final CachedOutputStream held;

        SignAndSend(OutputStream wire, CachedOutputStream held) {
            super(Phase.PREPARE_SEND_ENDING);
            addBefore(MessageSenderInterceptor.MessageSenderEndingInterceptor.class.getName());
            this.wire = wire;
            this.held = held;
        }

        @Override
        public void handleMessage(Message message) {
            try (InputStream envelope = held.getInputStream()) {
                Document document = documents.parse(envelope);
                keys.signer().signTransport(document, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
                document.setXmlStandalone(true);
                try (SpooledXml signed = SpooledXml.of(document)) {
                    // A known length lets the container finish the answer even when it then drops an unread request body.
                    if (message.get(AbstractHTTPDestination.HTTP_RESPONSE) instanceof HttpServletResponse response) {
                        response.setContentLengthLong(signed.size());
                    }
                    signed.writeTo(wire);
                }
                message.setContent(OutputStream.class, wire);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    held.close();
                } catch (IOException e) {
                    // a cache file that cannot be removed is the temp directory's problem, not the caller's
                }
            }
        }
    }
}
