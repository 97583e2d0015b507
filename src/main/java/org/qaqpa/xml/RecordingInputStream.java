package org.qaqpa.xml;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Keeps a copy of every byte read through it: the exact request as it arrived, for the message
 * log's SHA-256 and stored envelope. Sits behind {@link BoundedInputStream}, so the copy never
 * exceeds the request size limit.
 */
public final class RecordingInputStream extends FilterInputStream {

    /** CXF exchange key of the recording of the request body. */
    public static final String EXCHANGE_KEY = "qaqpa.request.bytes";

    private final ByteArrayOutputStream copy = new ByteArrayOutputStream(4096);

    public RecordingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            copy.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            copy.write(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes are bytes of the request too: read them into the copy
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The bytes read so far (all of them once the parser has reached the end of the envelope). */
    public byte[] bytes() {
        return copy.toByteArray();
    }
}
