package org.qaqpa.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/**
 * Passes bytes through until a limit, then refuses with {@code LIMIT_EXCEEDED}, so a body without a
 * Content-Length (chunked) cannot grow memory beyond the configured request size.
 */
public final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    public BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        advance(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void advance(long n) {
        count += n;
        if (count > limit) {
            throw tooLarge(limit);
        }
    }

    static QaqpaFault tooLarge(long limit) {
        return new QaqpaFault(ErrorCode.LIMIT_EXCEEDED, "The request is larger than the limit of " + limit + " bytes.");
    }
}
