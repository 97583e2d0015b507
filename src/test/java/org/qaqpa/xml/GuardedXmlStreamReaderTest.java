package org.qaqpa.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/** Boundary pairs for every limit (at the limit accepted, one over refused) and each forbidden construct. */
class GuardedXmlStreamReaderTest {

    private final SecureXmlInputFactory factory = new SecureXmlInputFactory(XmlLimits.defaults());

    @Test
    void acceptsDepth100AndRefuses101() {
        assertAccepted("<a>".repeat(100) + "</a>".repeat(100));
        assertRefused("<a>".repeat(101) + "</a>".repeat(101), ErrorCode.LIMIT_EXCEEDED);
    }

    @Test
    void accepts500AttributesAndRefuses501() {
        assertAccepted("<a" + attributes(500) + "/>");
        assertRefused("<a" + attributes(501) + "/>", ErrorCode.LIMIT_EXCEEDED);
    }

    @Test
    void countsNamespaceDeclarationsAsAttributes() {
        assertRefused("<a xmlns:p=\"urn:p\"" + attributes(500) + "/>", ErrorCode.LIMIT_EXCEEDED);
    }

    @Test
    void accepts50000ChildrenAndRefuses50001() {
        assertAccepted("<a>" + "<b/>".repeat(50_000) + "</a>");
        assertRefused("<a>" + "<b/>".repeat(50_001) + "</a>", ErrorCode.LIMIT_EXCEEDED);
    }

    @Test
    void accepts200000ElementsAndRefuses200001() {
        // <r> + 4 × (<a> + 39,999 <b/>) + (<a> + 39,998 <b/>) = 200,000 elements
        String inner = ("<a>" + "<b/>".repeat(39_999) + "</a>").repeat(4) + "<a>" + "<b/>".repeat(39_998) + "</a>";
        assertAccepted("<r>" + inner + "</r>");
        assertRefused("<r>" + inner + "<c/></r>", ErrorCode.LIMIT_EXCEEDED);
    }

    @Test
    void accepts64KiBAttributeAndRefusesOneMore() {
        assertAccepted("<a v=\"" + "x".repeat(64 * 1024) + "\"/>");
        assertRefused("<a v=\"" + "x".repeat(64 * 1024 + 1) + "\"/>", ErrorCode.LIMIT_EXCEEDED);
    }

    @Test
    void refusesDoctypeWithoutResolvingIt() {
        assertRefused("<!DOCTYPE a SYSTEM \"http://127.0.0.1:1/never.dtd\"><a/>", ErrorCode.XML_FORBIDDEN);
        assertRefused("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", ErrorCode.XML_FORBIDDEN);
    }

    @Test
    void refusesProcessingInstructionEvenInsideElementText() {
        assertRefused("<a><?pi data?></a>", ErrorCode.XML_FORBIDDEN);
        assertRefused("<a>text<?pi data?>more</a>", ErrorCode.XML_FORBIDDEN, true);
    }

    @Test
    void refusesXIncludeElementAndAttribute() {
        assertRefused("<a><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"x\"/></a>", ErrorCode.XML_FORBIDDEN);
        assertRefused("<a xmlns:xi=\"http://www.w3.org/2001/XInclude\" xi:href=\"x\"/>", ErrorCode.XML_FORBIDDEN);
    }

    @Test
    void readsPredefinedEntitiesAndCdata() throws Exception {
        XMLStreamReader reader = reader("<a>&lt;x&gt; &amp; <![CDATA[<y>]]></a>");
        reader.nextTag();
        assertThat(reader.getElementText()).isEqualTo("<x> & <y>");
    }

    @Test
    void boundsTheByteStream() {
        byte[] body = ("<a>" + "x".repeat(2000) + "</a>").getBytes(StandardCharsets.UTF_8);
        QaqpaFault fault = catchThrowableOfType(QaqpaFault.class,
                () -> new BoundedInputStream(new ByteArrayInputStream(body), 1000).readAllBytes());
        assertThat(fault.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThatCode(() -> new BoundedInputStream(new ByteArrayInputStream(body), body.length).readAllBytes())
                .doesNotThrowAnyException();
    }

    private static String attributes(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(" a").append(i).append("=\"v\"");
        }
        return s.toString();
    }

    private XMLStreamReader reader(String xml) throws Exception {
        return factory.createReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), null);
    }

    private void assertAccepted(String xml) {
        assertThatCode(() -> readAll(reader(xml), false)).doesNotThrowAnyException();
    }

    private void assertRefused(String xml, ErrorCode code) {
        assertRefused(xml, code, false);
    }

    private void assertRefused(String xml, ErrorCode code, boolean viaElementText) {
        QaqpaFault fault = catchThrowableOfType(QaqpaFault.class, () -> readAll(reader(xml), viaElementText));
        assertThat(fault).as("refusal of " + xml.substring(0, Math.min(80, xml.length()))).isNotNull();
        assertThat(fault.code()).isEqualTo(code);
    }

    private static void readAll(XMLStreamReader reader, boolean viaElementText) throws Exception {
        if (viaElementText) {
            reader.nextTag();
            reader.getElementText();
            return;
        }
        while (reader.next() != XMLStreamConstants.END_DOCUMENT) {
            // reading is the test
        }
    }
}
