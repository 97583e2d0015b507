package org.qaqpa.xml;

import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * First step of every inbound SOAP request: refuses a declared Content-Length over the limit before
 * reading a byte, and bounds the body stream for requests that declare none.
 */
public final class RequestSizeInterceptor extends AbstractPhaseInterceptor<Message> {

    private final long maxBytes;

    public RequestSizeInterceptor(long maxBytes) {
        super(Phase.RECEIVE);
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) {
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        if (request != null && request.getContentLengthLong() > maxBytes) {
            throw BoundedInputStream.tooLarge(maxBytes);
        }
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            message.setContent(InputStream.class, new BoundedInputStream(in, maxBytes));
        }
    }
}
