package org.qaqpa.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * {@link XmlBytes} writes what the JDK's identity transformer writes (the serialiser it replaced), byte for
 * byte, for parsed documents; for documents built with namespaced nodes that carry no declarations, it adds the
 * declarations they need, as the transformer did.
 */
class XmlBytesTest {

    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";

    @Test
    void writesAParsedDocumentAsTheIdentityTransformerDoes() throws Exception {
        Document parsed = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- before --><?pi some data?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:wsu="urn:u"><soapenv:Header/><soapenv:Body wsu:Id="b&amp;&lt;&quot;&#9;&#10;&#13;x">\
                <ns2:SendMessage xmlns:ns2="urn:t"><request xmlns=""><data>a &amp; b &lt; c &gt; d&#13;e\u0416\uD83D\uDE00</data>\
                <![CDATA[raw <x> ]]><empty></empty><d xmlns="urn:default"><e/></d></request></ns2:SendMessage>\
                </soapenv:Body></soapenv:Envelope><!-- after -->""");

        assertSameAsTransformer(parsed);
        assertSameAsTransformer(parsed.getDocumentElement().getLastChild());
    }

    @Test
    void declaresTheNamespacesOfBuiltNodes() throws Exception {
        Document built = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
        Element envelope = built.createElementNS(SOAP, "soapenv:Envelope");
        built.appendChild(envelope);
        Element body = built.createElementNS(SOAP, "soapenv:Body");
        envelope.appendChild(body);
        Element operation = built.createElementNS("urn:types", "ns2:SendMessageResponse");
        body.appendChild(operation);
        Element plain = built.createElementNS(null, "response");
        operation.appendChild(plain);
        Element defaulted = built.createElementNS("urn:default", "inner");
        plain.appendChild(defaulted);
        defaulted.appendChild(built.createElementNS(null, "back-to-none"));
        defaulted.setAttributeNS("urn:attr", "a:flag", "1");
        plain.appendChild(built.createTextNode("text"));

        // The transformer's order of the declarations it adds varies between runs; the parsed result does not.
        Diff diff = DiffBuilder.compare(transformed(built)).withTest(new String(XmlBytes.of(built), StandardCharsets.UTF_8))
                .checkForIdentical().build();
        assertThat(diff.hasDifferences()).as(diff.toString()).isFalse();
        assertThat(new String(XmlBytes.of(built), StandardCharsets.UTF_8))
                .contains("<inner ").contains(" xmlns=\"urn:default\"").contains(" xmlns:a=\"urn:attr\"")
                .contains("<back-to-none xmlns=\"\"/>");
    }

    private static void assertSameAsTransformer(Node node) throws Exception {
        assertThat(new String(XmlBytes.of(node), StandardCharsets.UTF_8)).isEqualTo(transformed(node));
    }

    private static String transformed(Node node) throws Exception {
        Transformer identity = TransformerFactory.newInstance().newTransformer();
        identity.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        identity.setOutputProperty(OutputKeys.INDENT, "no");
        identity.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, node instanceof Document ? "no" : "yes");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        identity.transform(new DOMSource(node), new StreamResult(expected));
        return expected.toString(StandardCharsets.UTF_8);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
