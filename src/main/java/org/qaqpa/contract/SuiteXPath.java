package org.qaqpa.contract;

import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** An XPath 1.0 expression of a suite, compiled when the suite is read so that a syntax error fails fast. */
record SuiteXPath(String text, XPathExpression compiled) {

    private static final XPathFactory FACTORY = XPathFactory.newInstance();

    /** Compiles {@code text}; a syntax error or unknown prefix is refused at {@code where}'s line. */
    static SuiteXPath compile(SuiteNode where, String text, Namespaces namespaces) {
        try {
            return new SuiteXPath(text, compile(text, namespaces));
        } catch (XPathExpressionException e) {
            String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw where.problem("XPath '" + text + "' does not compile: " + (cause == null ? "syntax error" : cause.strip()));
        }
    }

    static XPathExpression compile(String text, Namespaces namespaces) throws XPathExpressionException {
        XPath xpath;
        synchronized (FACTORY) {
            xpath = FACTORY.newXPath();
        }
        xpath.setNamespaceContext(namespaces);
        return xpath.compile(text);
    }

    String string(Node context) {
        return evaluate(context, XPathConstants.STRING).toString();
    }

    boolean bool(Node context) {
        return (Boolean) evaluate(context, XPathConstants.BOOLEAN);
    }

    List<Node> nodes(Node context) {
        Object result = evaluate(context, XPathConstants.NODESET);
        NodeList list = (NodeList) result;
        List<Node> nodes = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            nodes.add(list.item(i));
        }
        return nodes;
    }

    private Object evaluate(Node context, QName type) {
        try {
            synchronized (compiled) {
                return compiled.evaluate(context, type);
            }
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("XPath '" + text + "' cannot be evaluated as "
                    + type.getLocalPart().toLowerCase() + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }
}
