package org.qaqpa.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qaqpa.contract.common.Property;
import org.qaqpa.contract.sync.SyncMessageInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The property {@value #KEY} in {@code requestInfo/properties}: the member that sent a request to the first
 * gateway node, carried when a node passes the request on to another node (docs/regional.md), because the
 * {@code sender} there is the node itself. Only a node member's word on it counts: the gateway takes it from
 * requests of members with {@code node: true} and removes it from everyone else's before a provider sees it.
 */
final class OriginalSender {

    /** The property key (at most 30 characters, as {@code Property/key} allows). */
    static final String KEY = "qaqpa.originalSenderId";

    private OriginalSender() {
    }

    /** The value the request names, if it has the property (the first one, if several). */
    static Optional<String> of(SyncMessageInfo info) {
        return info.getProperties().stream().filter(p -> KEY.equals(p.getKey())).map(Property::getValue).findFirst();
    }

    /** The value an async {@code messageInfo} names, if it has the property (the first one, if several). */
    static Optional<String> of(Element messageInfo) {
        for (Node n = messageInfo.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && "properties".equals(e.getLocalName())
                    && KEY.equals(childText(e, "key"))) {
                return Optional.ofNullable(childText(e, "value"));
            }
        }
        return Optional.empty();
    }

    /**
     * Makes {@code requestInfo} (or an async {@code messageInfo}) carry exactly {@code originalSenderId}: every {@value #KEY} property is removed,
     * and, when present, one is added after the last other property (or after {@code sender}), where the
     * contract's sequence has {@code properties}.
     */
    static void set(Element requestInfo, Optional<String> originalSenderId) {
        List<Element> properties = new ArrayList<>();
        Element sender = null;
        for (Node n = requestInfo.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null) {
                if ("sender".equals(e.getLocalName())) {
                    sender = e;
                } else if ("properties".equals(e.getLocalName())) {
                    properties.add(e);
                }
            }
        }
        Element after = sender;
        for (Element property : properties) {
            if (KEY.equals(childText(property, "key"))) {
                requestInfo.removeChild(property);
            } else {
                after = property;
            }
        }
        if (originalSenderId.isEmpty() || after == null) {
            return;
        }
        Document document = requestInfo.getOwnerDocument();
        Element property = document.createElementNS(null, "properties");
        property.appendChild(document.createElementNS(null, "key")).setTextContent(KEY);
        property.appendChild(document.createElementNS(null, "value")).setTextContent(originalSenderId.get());
        requestInfo.insertBefore(property, after.getNextSibling());
    }

    private static String childText(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && localName.equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        return null;
    }
}
