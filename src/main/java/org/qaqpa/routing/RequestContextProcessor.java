package org.qaqpa.routing;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.qaqpa.security.pki.NcaSubject;
import org.qaqpa.security.pki.ValidatedSigner;
import org.qaqpa.security.wss.TransportSignatureInterceptor;
import org.qaqpa.server.SessionIds;
import org.qaqpa.xml.RecordingInputStream;

/**
 * Route step: copies what the endpoint established about the request into headers — the session
 * id ({@link Headers#SESSION_ID}) and, for a signed request, the signer's NCA identity
 * ({@link Headers#SIGNER_IIN}, {@link Headers#SIGNER_BIN}, {@link Headers#SIGNER_NAME}).
 */
public final class RequestContextProcessor implements Processor {

    /** Exchange property holding the request's {@link ValidatedSigner} (absent for an unsigned request). */
    public static final String SIGNER = "QaqpaSigner";

    /** Exchange property holding the exact request bytes (see {@link RecordingInputStream}). */
    public static final String REQUEST_BYTES = "QaqpaRequestBytes";

    /** Exchange property holding the TLS client certificate of the connection (absent on plain HTTP or without one). */
    public static final String TLS_CLIENT_CERTIFICATE = "QaqpaTlsClientCertificate";

    /** Exchange property holding the CXF exchange the request came in on (absent when not from an endpoint). */
    public static final String CXF_EXCHANGE = "QaqpaCxfExchange";

    /** The CXF exchange the request came in on; null when it did not come from an endpoint (a route test). */
    static org.apache.cxf.message.Exchange cxfExchange(Exchange exchange) {
        return exchange.getProperty(CXF_EXCHANGE, org.apache.cxf.message.Exchange.class);
    }

    /** Where the servlet container puts the TLS client's certificate chain (Jetty's SecureRequestCustomizer does). */
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    @Override
    public void process(Exchange exchange) {
        Message cxfMessage = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        var in = exchange.getIn();
        if (cxfMessage == null) {
            in.setHeader(Headers.SESSION_ID, SessionIds.newSessionId());
            return;
        }
        in.setHeader(Headers.SESSION_ID, SessionIds.of(cxfMessage.getExchange()));
        exchange.setProperty(CXF_EXCHANGE, cxfMessage.getExchange());
        if (cxfMessage.getExchange().get(RecordingInputStream.EXCHANGE_KEY) instanceof RecordingInputStream recording) {
            exchange.setProperty(REQUEST_BYTES, recording.bytes());
        }
        if (cxfMessage.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest request
                && request.getAttribute(CLIENT_CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0) {
            exchange.setProperty(TLS_CLIENT_CERTIFICATE, chain[0]);
        }
        if (cxfMessage.getExchange().get(TransportSignatureInterceptor.SIGNER) instanceof ValidatedSigner signer) {
            exchange.setProperty(SIGNER, signer);
            NcaSubject subject = signer.subject();
            in.setHeader(Headers.SIGNER_NAME, subject.commonName());
            subject.iin().ifPresent(iin -> in.setHeader(Headers.SIGNER_IIN, iin));
            subject.bin().ifPresent(bin -> in.setHeader(Headers.SIGNER_BIN, bin));
        }
    }
}
