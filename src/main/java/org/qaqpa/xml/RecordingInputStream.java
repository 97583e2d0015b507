package org.qaqpa.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps a copy of every byte read through it: the exact request as it arrived, for the message
 * log's SHA-256 and stored envelope. Sits behind {@link BoundedInputStream}, so the copy never
 * exceeds the request size limit. With the request's declared length the copy grows to exactly that size, so
 * {@link #bytes()} hands it over without a last copy (a 10 MiB request: 26 MiB allocated instead of 41, one copy
 * kept instead of two); it never takes more than twice the bytes that arrived, whatever length a client declares.
 */
public final class RecordingInputStream extends FilterInputStream {

    /** CXF exchange key of the recording of the request body. */
    public static final String EXCHANGE_KEY = "qaqpa.request.bytes";

    private static final int INITIAL = 4096;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final long declaredLength;
    private byte[] copy = new byte[INITIAL];
    private int count;

    public RecordingInputStream(InputStream in) {
        this(in, -1);
    }

    /** @param declaredLength the request's Content-Length, -1 when it has none */
    public RecordingInputStream(InputStream in, long declaredLength) {
        super(in);
        this.declaredLength = declaredLength;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            ensureRoom(1);
            copy[count++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            ensureRoom(n);
            System.arraycopy(buffer, offset, copy, count, n);
            count += n;
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

    /**
     * The bytes read so far (all of them once the parser has reached the end of the envelope); not a copy, so
     * the caller must not change them.
     */
    public byte[] bytes() {
        if (count != copy.length) {
            copy = Arrays.copyOf(copy, count);
        }
        return copy;
    }

    /** Doubles the copy, but not beyond the declared length while the bytes fit in it. */
    private void ensureRoom(int n) {
        long needed = (long) count + n;
        if (needed <= copy.length) {
            return;
        }
        long capacity = Math.max(2L * copy.length, needed);
        if (declaredLength >= needed) {
            capacity = Math.min(capacity, declaredLength);
        }
        if (needed > MAX_ARRAY) {
            throw new IllegalStateException("a request of more than " + MAX_ARRAY + " bytes cannot be recorded");
        }
        copy = Arrays.copyOf(copy, (int) Math.min(capacity, MAX_ARRAY));
    }
}
