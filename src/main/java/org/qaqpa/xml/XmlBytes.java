package org.qaqpa.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Writes a DOM as UTF-8 bytes exactly as it is: no indentation and no other change, since the
 * bytes carry signatures. One identity transformer per thread: a factory lookup per message costs
 * a service-loader scan (measured at 2 % of a signed request's CPU elsewhere), and a transformer
 * may not be shared between threads.
 */
public final class XmlBytes {

    private static final TransformerFactory FACTORY = TransformerFactory.newInstance();
    private static final ThreadLocal<Transformer> IDENTITY = ThreadLocal.withInitial(XmlBytes::newIdentity);

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
        Transformer transformer = IDENTITY.get();
        try {
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, node instanceof Document ? "no" : "yes");
            transformer.transform(new DOMSource(node), new StreamResult(out));
            out.flush();
        } catch (TransformerException e) {
            throw new IOException("cannot write the document: " + e.getMessage(), e);
        } finally {
            transformer.reset();
            configure(transformer);
        }
    }

    private static Transformer newIdentity() {
        try {
            Transformer transformer;
            synchronized (FACTORY) {
                transformer = FACTORY.newTransformer();
            }
            configure(transformer);
            return transformer;
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK has no identity transformer", e);
        }
    }

    private static void configure(Transformer transformer) {
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.setOutputProperty(OutputKeys.INDENT, "no");
    }
}
