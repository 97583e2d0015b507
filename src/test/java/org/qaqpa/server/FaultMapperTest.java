package org.qaqpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Element;

/** Every failure becomes a catalogue code and an {@code ErrorInfo} detail; nothing internal leaks. */
class FaultMapperTest {

    private static final QName SYNC_FAULT = new QName("http://bip.bee.kz/SyncChannel/v10/Types", "SendMessageFault1_SendMessageFault");
    private final FaultMapper mapper = new FaultMapper(Map.of("SendMessage", SYNC_FAULT), SYNC_FAULT,
            Clock.fixed(Instant.parse("2026-11-23T05:00:00Z"), ZoneOffset.ofHours(5)));

    @Test
    void writesRefusalAsErrorInfo() {
        SoapFault fault = map(new Fault(new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND, "No provider for 'X'.")));

        assertThat(fault.getFaultCode()).isEqualTo(Soap11.getInstance().getSender());
        assertThat(fault.getMessage()).isEqualTo("No provider for 'X'.");
        Element info = (Element) fault.getDetail().getFirstChild();
        assertThat(info.getNamespaceURI()).isEqualTo(SYNC_FAULT.getNamespaceURI());
        assertThat(info.getLocalName()).isEqualTo(SYNC_FAULT.getLocalPart());
        assertThat(text(info, "errorCode")).isEqualTo("SERVICE_NOT_FOUND");
        assertThat(text(info, "errorMessage")).isEqualTo("No provider for 'X'.");
        assertThat(text(info, "errorDate")).isEqualTo("2026-11-23T10:00:00.000+05:00");
        assertThat(text(info, "sessionId")).isEqualTo("{00000000-0000-0000-0000-000000000001}");
    }

    @Test
    void hidesUnexpectedFailureAsInternalError() {
        SoapFault fault = map(new Fault(new IllegalStateException("secret path /etc/qaqpa/keys.p12 in org.qaqpa.Foo")));

        assertThat(fault.getFaultCode()).isEqualTo(Soap11.getInstance().getReceiver());
        Element info = (Element) fault.getDetail().getFirstChild();
        assertThat(text(info, "errorCode")).isEqualTo(ErrorCode.INTERNAL_ERROR.name());
        assertThat(text(info, "errorMessage")).contains("{00000000-0000-0000-0000-000000000001}")
                .doesNotContain("secret", "IllegalState", "org.qaqpa", "/etc");
        assertThat(fault.getCause()).isNull();
    }

    @Test
    void mapsMalformedXmlToMessageInvalid() {
        SoapFault fault = map(new Fault(new XMLStreamException("Unexpected character 'x' (code 120) in prolog")));
        assertThat(text((Element) fault.getDetail().getFirstChild(), "errorCode")).isEqualTo("MESSAGE_INVALID");
        assertThat(fault.getMessage()).doesNotContain("prolog");
    }

    @Test
    void mapsCxfClientFaultToMessageInvalid() {
        Fault unknownPart = new Fault(new IOException("Message part {urn:x}y was not recognized."));
        unknownPart.setFaultCode(Fault.FAULT_CODE_CLIENT);
        assertThat(text((Element) map(unknownPart).getDetail().getFirstChild(), "errorCode")).isEqualTo("MESSAGE_INVALID");
    }

    private SoapFault map(Exception failure) {
        Message message = new MessageImpl();
        Exchange exchange = new ExchangeImpl();
        exchange.put(SessionIds.EXCHANGE_KEY, "{00000000-0000-0000-0000-000000000001}");
        message.setExchange(exchange);
        message.setContent(Exception.class, failure);
        mapper.handleMessage(message);
        return (SoapFault) message.getContent(Exception.class);
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagName(name).item(0).getTextContent();
    }
}
