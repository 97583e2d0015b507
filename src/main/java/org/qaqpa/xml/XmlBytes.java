package org.qaqpa.xml;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Writes a DOM as UTF-8 bytes exactly as it is: no indentation and no other change, since the
 * bytes carry signatures ({@link DomWriter}, which writes what the JDK's identity transformer writes
 * at a fraction of its cost).
 */
public final class XmlBytes {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>";

    private XmlBytes() {
    }

    /** The document as UTF-8 bytes with an XML declaration. */
    public static byte[] of(Document document) {
        return of((Node) document);
    }

    /** The node as UTF-8 bytes: a document with an XML declaration, an element without one. */
    public static byte[] of(Node node) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try {
            write(node, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a DOM into memory", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the document as UTF-8 to {@code out}. */
    public static void write(Document document, OutputStream out) throws IOException {
        write((Node) document, out);
    }

    private static void write(Node node, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8192);
        if (node instanceof Document) {
            writer.write(DECLARATION);
        }
        new DomWriter(writer).write(node);
        writer.flush();
    }
}
