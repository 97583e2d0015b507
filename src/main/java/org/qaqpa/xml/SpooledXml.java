package org.qaqpa.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.cxf.io.CachedOutputStream;
import org.w3c.dom.Document;

/**
 * A signed envelope on its way out, serialised once as {@link XmlBytes} writes it and held in memory while small,
 * in a temporary file above CXF's threshold (128 KiB; CXF already spools inbound and outbound messages that way):
 * a large message is then not one more copy on the heap (three per 10 MiB sync request before, docs/benchmarks.md,
 * "Large payload"), and its length is still known before it is sent. Read it with {@link #writeTo} or
 * {@link #open} (as often as needed), then close it: the file is deleted.
 */
public final class SpooledXml implements AutoCloseable {

    private final CachedOutputStream spool;

    private SpooledXml(CachedOutputStream spool) {
        this.spool = spool;
    }

    /** The document as UTF-8 bytes with an XML declaration, spooled. */
    public static SpooledXml of(Document document) {
        CachedOutputStream spool = new CachedOutputStream();
        try {
            XmlBytes.write(document, spool);
            return new SpooledXml(spool);
        } catch (IOException e) {
            closeQuietly(spool);
            throw new UncheckedIOException("cannot spool a serialised document: " + e.getMessage(), e);
        }
    }

    /** The number of bytes. */
    public long size() {
        return spool.size();
    }

    /** A new stream over the bytes, from the first. */
    public InputStream open() {
        try {
            return spool.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a spooled document: " + e.getMessage(), e);
        }
    }

    /** Copies the bytes to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        spool.writeCacheTo(out);
    }

    /** Releases the memory or deletes the temporary file. */
    @Override
    public void close() {
        closeQuietly(spool);
    }

    private static void closeQuietly(CachedOutputStream spool) {
        try {
            spool.close();
        } catch (IOException e) {
            // a temporary file that cannot be removed is the temp directory's problem, not the message's
        }
    }
}
