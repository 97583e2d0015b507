package org.qaqpa.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qaqpa.contract.common.SenderInfo;
import org.qaqpa.contract.sync.SendMessage;
import org.qaqpa.contract.sync.SyncMessageInfo;
import org.qaqpa.contract.sync.request.RequestData;
import org.qaqpa.contract.sync.request.SyncSendMessageRequest;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Element;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * Our XSDs accept envelopes shaped like the public SHEP samples (unqualified locals, {@code {guid}}
 * session id, typed or string {@code data}) and refuse what the public contract refuses.
 */
class ContractSchemaTest {

    static ContractSchema schema;

    /** As in the public sample: {@code ns2:SendMessage}, unqualified {@code request}, sessionId with braces. */
    static final String SAMPLE = """
            <ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types">
              <request>
                <requestInfo>
                  <messageId>%s</messageId>
                  <serviceId>GBDFL_UniversalServiceSync</serviceId>
                  <messageDate>2026-11-23T10:00:00.000+05:00</messageDate>
                  <sender><senderId>my-system</senderId><password>secret</password></sender>
                  <properties><key>CONNECTOR_CLIENT</key><value>true</value></properties>
                  <sessionId>%s</sessionId>
                </requestInfo>
                <requestData>%s</requestData>
              </request>
            </ns2:SendMessage>
            """;
    static final String STRING_DATA = "<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\">&lt;?xml version=\"1.0\"?&gt;&lt;r/&gt;</data>";
    static final String BRACED = "{3c3ba84d-6b6a-4b5d-b3b4-90b1b8f00f2d}";

    @BeforeAll
    static void load() {
        schema = ContractSchema.load(List.of("xsd/SyncChannel/v10/Types.xsd", "xsd/AsyncChannel/v10/Types.xsd"));
    }

    @Test
    void acceptsPublicSampleShape() {
        assertThatCode(() -> schema.validate(parse(SAMPLE.formatted("m-1", BRACED, STRING_DATA)))).doesNotThrowAnyException();
    }

    @Test
    void acceptsTypedPayloadOfAProviderSchema() {
        String typed = "<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:cs=\"urn:provider\""
                + " xsi:type=\"cs:Request\"><cs:iin>123456789012</cs:iin></data>";
        assertThatCode(() -> schema.validate(parse(SAMPLE.formatted("m-1", BRACED, typed)))).doesNotThrowAnyException();
    }

    @Test
    void refusesQualifiedRequestElement() {
        String qualified = SAMPLE.formatted("m-1", BRACED, STRING_DATA)
                .replace("<request>", "<ns2:request>").replace("</request>", "</ns2:request>");
        assertRefused(qualified);
    }

    @Test
    void refusesGuidWithoutBraces() {
        assertRefused(SAMPLE.formatted("m-1", "3c3ba84d-6b6a-4b5d-b3b4-90b1b8f00f2d", STRING_DATA));
    }

    @Test
    void refusesMissingServiceId() {
        assertRefused(SAMPLE.formatted("m-1", BRACED, STRING_DATA).replaceAll("<serviceId>.*</serviceId>", ""));
    }

    @Test
    void refusesElementsOutOfOrder() {
        String swapped = SAMPLE.formatted("m-1", BRACED, STRING_DATA)
                .replace("<messageId>m-1</messageId>", "")
                .replace("<sender>", "<messageId>m-1</messageId><sender>");
        assertRefused(swapped);
    }

    @Test
    void marshalledRequestMatchesPublicSampleShape() throws Exception {
        SenderInfo sender = new SenderInfo();
        sender.setSenderId("my-system");
        sender.setPassword("secret");
        var property = new org.qaqpa.contract.common.Property();
        property.setKey("CONNECTOR_CLIENT");
        property.setValue("true");
        SyncMessageInfo info = new SyncMessageInfo();
        info.setMessageId("m-1");
        info.setServiceId("GBDFL_UniversalServiceSync");
        info.setMessageDate(DatatypeFactory.newInstance().newXMLGregorianCalendar("2026-11-23T10:00:00.000+05:00"));
        info.setSender(sender);
        info.getProperties().add(property);
        info.setSessionId(BRACED);
        SyncSendMessageRequest request = new SyncSendMessageRequest();
        request.setRequestInfo(info);
        request.setRequestData(new RequestData());
        SendMessage message = new SendMessage();
        message.setRequest(request);

        Marshaller marshaller = JAXBContext.newInstance(SendMessage.class).createMarshaller();
        StringWriter out = new StringWriter();
        marshaller.marshal(message, out);

        Diff diff = DiffBuilder.compare(SAMPLE.formatted("m-1", BRACED, "")).withTest(out.toString())
                .ignoreWhitespace().ignoreComments().checkForSimilar().build();
        assertThat(diff.hasDifferences()).as(diff.toString()).isFalse();
        assertThatCode(() -> schema.validate(parse(out.toString()))).doesNotThrowAnyException();
    }

    private static void assertRefused(String xml) {
        QaqpaFault fault = catchThrowableOfType(QaqpaFault.class, () -> schema.validate(parse(xml)));
        assertThat(fault).isNotNull();
        assertThat(fault.code()).isEqualTo(ErrorCode.MESSAGE_INVALID);
    }

    static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }
}
