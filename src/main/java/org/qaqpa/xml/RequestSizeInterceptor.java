package org.qaqpa.xml;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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

    /**
     * Reads and drops a refused body, up to a bound: closing a connection with unread request bytes
     * makes TCP reset it, and the client would then lose the fault telling it why.
     */
    private void discardBody(Message message, long declared) {
        InputStream in = message.getContent(InputStream.class);
        long budget = Math.min(declared, Math.max(4 * maxBytes, MIN_DISCARD));
        if (in == null) {
            return;
        }
        try {
            byte[] buffer = new byte[64 * 1024];
            for (long left = budget; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException e) {
            // The client went away; the refusal stands either way.
        }
    }

    /** Bodies up to this size are always read to the end before a size refusal. */
    private static final long MIN_DISCARD = 32L * 1024 * 1024;

    @Override
    public void handleMessage(Message message) {
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        if (request != null && request.getContentLengthLong() > maxBytes) {
            discardBody(message, request.getContentLengthLong());
            throw BoundedInputStream.tooLarge(maxBytes);
        }
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            RecordingInputStream recording = new RecordingInputStream(new BoundedInputStream(in, maxBytes),
                    request == null ? -1 : request.getContentLengthLong());
            message.getExchange().put(RecordingInputStream.EXCHANGE_KEY, recording);
            message.setContent(InputStream.class, recording);
        }
    }
}
