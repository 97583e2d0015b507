package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.ElementSelectors;

/**
 * {@code ?wsdl} on both endpoints serves our WSDL: the names and namespaces of portType, operations,
 * messages and elements equal the SHEP contract, and the served documents are similar to {@code wsdl/}.
 */
@ExtendWith(SharedGateway.class)
class ServedWsdlTest {

    private static final Map<String, String> NS = Map.of(
            "wsdl", "http://schemas.xmlsoap.org/wsdl/",
            "soap", "http://schemas.xmlsoap.org/wsdl/soap/");

    @Test
    void syncWsdlHasContractNames() throws Exception {
        Document service = fetch("/bip-sync/?wsdl");
        assertThat(xpath(service, "/wsdl:definitions/@targetNamespace"))
                .isEqualTo("http://bip.bee.kz/SyncChannel/v10/Interfaces/Binding2");
        assertThat(xpath(service, "//wsdl:service/@name")).isEqualTo("ISyncChannelHttpService");
        assertThat(xpath(service, "//wsdl:port/@name")).isEqualTo("SyncChannelHttpPort");
        assertThat(xpath(service, "//wsdl:binding/@name")).isEqualTo("SyncChannelHttpBinding");
        assertThat(xpath(service, "//wsdl:binding/soap:binding/@style")).isEqualTo("document");
        assertThat(xpath(service, "//wsdl:binding/wsdl:operation/soap:operation/@soapAction")).isEmpty();
        assertThat(xpath(service, "//wsdl:port/soap:address/@location"))
                .isEqualTo(SharedGateway.gateway().uri("/bip-sync/").toString());

        Document portType = fetch(importLocation(service));
        assertThat(xpath(portType, "/wsdl:definitions/@targetNamespace")).isEqualTo("http://bip.bee.kz/SyncChannel/v10/Interfaces");
        assertThat(xpath(portType, "//wsdl:portType/@name")).isEqualTo("ISyncChannel");
        assertThat(xpath(portType, "count(//wsdl:portType/wsdl:operation)")).isEqualTo("1");
        assertThat(xpath(portType, "//wsdl:portType/wsdl:operation/@name")).isEqualTo("SendMessage");
        String types = "http://bip.bee.kz/SyncChannel/v10/Types";
        assertThat(partElement(portType, "SendMessageRequestMsg")).isEqualTo("{" + types + "}SendMessage");
        assertThat(partElement(portType, "SendMessageResponseMsg")).isEqualTo("{" + types + "}SendMessageResponse");
        assertThat(partElement(portType, "SendMessage_sendMessageFaultMsg"))
                .isEqualTo("{" + types + "}SendMessageFault1_SendMessageFault");
        assertThat(xpath(portType, "//wsdl:operation/wsdl:fault/@name")).isEqualTo("sendMessageFault");
    }

    @Test
    void asyncWsdlHasContractNames() throws Exception {
        Document service = fetch("/bip-async/?wsdl");
        assertThat(xpath(service, "/wsdl:definitions/@targetNamespace"))
                .isEqualTo("http://bip.bee.kz/AsyncChannel/v10/Interfaces/Binding");
        assertThat(xpath(service, "//wsdl:service/@name")).isEqualTo("AsyncChannelHttpService");
        assertThat(xpath(service, "//wsdl:port/@name")).isEqualTo("AsyncChannelHttpPort");
        assertThat(xpath(service, "//wsdl:binding/@name")).isEqualTo("AsyncChannelHttpBinding");

        Document portType = fetch(importLocation(service));
        assertThat(xpath(portType, "/wsdl:definitions/@targetNamespace")).isEqualTo("http://bip.bee.kz/AsyncChannel/v10/Interfaces");
        assertThat(xpath(portType, "/wsdl:definitions/@name")).isEqualTo("IAsyncChannel_N");
        assertThat(xpath(portType, "//wsdl:portType/@name")).isEqualTo("IAsyncChannel");
        String types = "http://bip.bee.kz/AsyncChannel/v10/Types";
        for (String op : new String[] {"sendMessage", "sendDeliveryNotification", "getMessageStatus", "getMessages"}) {
            String input = xpath(portType, "//wsdl:portType/wsdl:operation[@name='" + op + "']/wsdl:input/@message");
            String output = xpath(portType, "//wsdl:portType/wsdl:operation[@name='" + op + "']/wsdl:output/@message");
            String fault = xpath(portType, "//wsdl:portType/wsdl:operation[@name='" + op + "']/wsdl:fault/@message");
            assertThat(partElement(portType, localPart(input))).isEqualTo("{" + types + "}" + op);
            assertThat(partElement(portType, localPart(output))).isEqualTo("{" + types + "}" + op + "Response");
            assertThat(partElement(portType, localPart(fault))).isEqualTo("{" + types + "}" + op + "Fault1_" + op + "Fault");
        }
    }

    @Test
    void servedInterfaceWsdlsAreSimilarToTheSources() throws Exception {
        assertSimilar(importLocation(fetch("/bip-sync/?wsdl")), "wsdl/SyncChannel/v10/ISyncChannel.wsdl");
        assertSimilar(importLocation(fetch("/bip-async/?wsdl")), "wsdl/AsyncChannel/v10/IAsyncChannel.wsdl");
    }

    @Test
    void servedSchemasAreReachable() throws Exception {
        Document portType = fetch(importLocation(fetch("/bip-sync/?wsdl")));
        String schemaLocation = xpath(portType, "//*[local-name()='import' and @schemaLocation]/@schemaLocation");
        Document types = fetch(schemaLocation);
        assertThat(types.getDocumentElement().getAttribute("targetNamespace")).isEqualTo("http://bip.bee.kz/SyncChannel/v10/Types");
    }

    private static void assertSimilar(String servedLocation, String sourcePath) throws Exception {
        String served = get(servedLocation);
        String source = Files.readString(TestGateway.projectDir().resolve(sourcePath));
        Diff diff = DiffBuilder.compare(source).withTest(served)
                .ignoreWhitespace().ignoreComments().normalizeWhitespace().checkForSimilar()
                // CXF may serve messages in another order; pair them by name (order alone is "similar").
                .withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byNameAndAttributes("name")))
                // Import locations are rewritten to the served addresses (?wsdl=…, ?xsd=…).
                .withAttributeFilter(attr -> !attr.getLocalName().equals("location")
                        && !attr.getLocalName().equals("schemaLocation"))
                .build();
        assertThat(diff.hasDifferences()).as(diff.toString()).isFalse();
    }

    private static String importLocation(Document wsdl) throws Exception {
        return xpath(wsdl, "/wsdl:definitions/wsdl:import/@location");
    }

    /** The element QName, as {@code {ns}local}, of the single part of the named message. */
    private static String partElement(Document wsdl, String message) throws Exception {
        Element part = (Element) xpathNode(wsdl, "//wsdl:message[@name='" + message + "']/wsdl:part");
        String prefixed = part.getAttribute("element");
        String prefix = prefixed.contains(":") ? prefixed.substring(0, prefixed.indexOf(':')) : null;
        return "{" + part.lookupNamespaceURI(prefix) + "}" + localPart(prefixed);
    }

    private static String localPart(String qname) {
        return qname.substring(qname.indexOf(':') + 1);
    }

    private static Document fetch(String location) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(get(location).getBytes(StandardCharsets.UTF_8)));
    }

    private static String get(String location) throws Exception {
        String path = location.replaceFirst("^http://[^/]+", "");
        var response = SharedGateway.gateway().get(path);
        assertThat(response.statusCode()).as("GET " + location).isEqualTo(200);
        return response.body();
    }

    private static String xpath(Document doc, String expression) throws Exception {
        return newXPath().evaluate(expression, doc);
    }

    private static Object xpathNode(Document doc, String expression) throws Exception {
        return newXPath().evaluate(expression, doc, XPathConstants.NODE);
    }

    private static XPath newXPath() {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return NS.get(prefix);
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return xpath;
    }
}
