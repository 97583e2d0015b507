package org.qaqpa.contract;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;

/**
 * The prefixes a suite's XPath expressions may use: the built-in ones of the SHEP contract and
 * WS-Security, then the suite's {@code namespaces}. Unprefixed names match unqualified elements,
 * as the contract's inner elements are.
 */
record Namespaces(Map<String, String> prefixes) implements NamespaceContext {

    static final Map<String, String> BUILT_IN = Map.of(
            "soap", "http://schemas.xmlsoap.org/soap/envelope/",
            "sync", "http://bip.bee.kz/SyncChannel/v10/Types",
            "async", "http://bip.bee.kz/AsyncChannel/v10/Types",
            "common", "http://bip.bee.kz/common/v10/Types",
            "ds", "http://www.w3.org/2000/09/xmldsig#",
            "wsse", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
            "wsu", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd");

    static Namespaces with(Map<String, String> declared) {
        Map<String, String> all = new LinkedHashMap<>(BUILT_IN);
        all.putAll(declared);
        return new Namespaces(Map.copyOf(all));
    }

    @Override
    public String getNamespaceURI(String prefix) {
        // null for an unknown prefix, so that the expression does not compile
        return XMLConstants.XML_NS_PREFIX.equals(prefix) ? XMLConstants.XML_NS_URI : prefixes.get(prefix);
    }

    @Override
    public String getPrefix(String namespaceURI) {
        return prefixes.entrySet().stream().filter(e -> e.getValue().equals(namespaceURI))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    @Override
    public Iterator<String> getPrefixes(String namespaceURI) {
        return prefixes.entrySet().stream().filter(e -> e.getValue().equals(namespaceURI)).map(Map.Entry::getKey).iterator();
    }
}
