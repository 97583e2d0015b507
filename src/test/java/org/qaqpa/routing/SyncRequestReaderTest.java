package org.qaqpa.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** {@link SyncRequestReader} exposes the routing fields of {@code requestInfo} as headers. */
class SyncRequestReaderTest {

    @Test
    void exposesRequestInfoAsHeaders() throws Exception {
        Exchange exchange = sendMessage("2026-11-23T10:00:00.250+05:00");

        new SyncRequestReader().process(exchange);

        var in = exchange.getIn();
        assertThat(in.getHeader(Headers.MESSAGE_ID)).isEqualTo("m-1");
        assertThat(in.getHeader(Headers.SERVICE_ID)).isEqualTo("TEST_SERVICE_ID");
        assertThat(in.getHeader(Headers.SENDER_ID)).isEqualTo("dev-client");
        assertThat(in.getHeader(Headers.MESSAGE_DATE)).isEqualTo(Instant.parse("2026-11-23T05:00:00.250Z"));
    }

    @Test
    void readsMessageDateWithoutOffsetInTheGatewayTimeZone() throws Exception {
        Exchange exchange = sendMessage("2026-11-23T10:00:00");

        new SyncRequestReader().process(exchange);

        assertThat(exchange.getIn().getHeader(Headers.MESSAGE_DATE))
                .isEqualTo(LocalDateTime.parse("2026-11-23T10:00:00").atZone(ZoneId.systemDefault()).toInstant());
    }

    private static Exchange sendMessage(String messageDate) throws Exception {
        String xml = """
                <ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types">
                  <request>
                    <requestInfo>
                      <messageId>m-1</messageId>
                      <serviceId>TEST_SERVICE_ID</serviceId>
                      <messageDate>%s</messageDate>
                      <sender><senderId>dev-client</senderId><password>secret</password></sender>
                    </requestInfo>
                    <requestData><data>hello</data></requestData>
                  </request>
                </ns2:SendMessage>
                """.formatted(messageDate);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element operation = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(new CxfPayload<>(List.of(), List.of(operation)));
        return exchange;
    }
}
