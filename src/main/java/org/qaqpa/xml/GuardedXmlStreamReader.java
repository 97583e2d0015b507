package org.qaqpa.xml;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/**
 * A StAX reader that refuses forbidden constructs ({@code XML_FORBIDDEN}) and structure beyond the
 * {@link XmlLimits} ({@code LIMIT_EXCEEDED}) as it reads, so nothing is built from such a document.
 * {@code nextTag} and {@code getElementText} go through {@link #next()} so no event is skipped unchecked.
 */
public final class GuardedXmlStreamReader extends StreamReaderDelegate {

    static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";

    private final XmlLimits limits;
    /** children[d] counts the child elements seen so far of the open element at depth d (0 = document). */
    private final int[] children;
    private int depth;
    private int elements;

    public GuardedXmlStreamReader(XMLStreamReader reader, XmlLimits limits) {
        super(reader);
        this.limits = limits;
        this.children = new int[limits.maxDepth() + 1];
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> enterElement();
            case XMLStreamConstants.END_ELEMENT -> depth--;
            case XMLStreamConstants.DTD -> throw forbidden("A DTD (DOCTYPE) is not allowed.");
            case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                    throw forbidden("Entity references are not allowed.");
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw forbidden("Processing instructions are not allowed.");
            case XMLStreamConstants.NOTATION_DECLARATION -> throw forbidden("Notation declarations are not allowed.");
            default -> { }
        }
        return event;
    }

    @Override
    public int nextTag() throws XMLStreamException {
        int event = next();
        while (event == XMLStreamConstants.CHARACTERS && isWhiteSpace()
                || event == XMLStreamConstants.CDATA && isWhiteSpace()
                || event == XMLStreamConstants.SPACE
                || event == XMLStreamConstants.COMMENT) {
            event = next();
        }
        if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            throw new XMLStreamException("expected start or end tag", getLocation());
        }
        return event;
    }

    @Override
    public String getElementText() throws XMLStreamException {
        if (getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new XMLStreamException("getElementText requires a start element", getLocation());
        }
        StringBuilder text = new StringBuilder();
        int event = next();
        while (event != XMLStreamConstants.END_ELEMENT) {
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(getText());
            } else if (event != XMLStreamConstants.COMMENT) {
                throw new XMLStreamException("element text expected", getLocation());
            }
            event = next();
        }
        return text.toString();
    }

    private void enterElement() {
        if (++elements > limits.maxElements()) {
            throw limit("The document has more than " + limits.maxElements() + " elements.");
        }
        if (++children[depth] > limits.maxChildren()) {
            throw limit("An element has more than " + limits.maxChildren() + " child elements.");
        }
        depth++;
        if (depth > limits.maxDepth()) {
            throw limit("The document is nested deeper than " + limits.maxDepth() + " elements.");
        }
        children[depth] = 0;
        if (XINCLUDE_NS.equals(getNamespaceURI())) {
            throw forbidden("XInclude is not allowed.");
        }
        int attributes = getAttributeCount();
        if (attributes + getNamespaceCount() > limits.maxAttributes()) {
            throw limit("An element has more than " + limits.maxAttributes() + " attributes.");
        }
        for (int i = 0; i < attributes; i++) {
            if (getAttributeValue(i).length() > limits.maxAttributeSize()) {
                throw limit("An attribute value is longer than " + limits.maxAttributeSize() + " characters.");
            }
            if (XINCLUDE_NS.equals(getAttributeNamespace(i))) {
                throw forbidden("XInclude is not allowed.");
            }
        }
    }

    private static QaqpaFault forbidden(String message) {
        return new QaqpaFault(ErrorCode.XML_FORBIDDEN, message);
    }

    private static QaqpaFault limit(String message) {
        return new QaqpaFault(ErrorCode.LIMIT_EXCEEDED, message);
    }
}
