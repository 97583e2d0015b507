package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.xml.ws.BindingProvider;
import java.time.OffsetDateTime;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qaqpa.contract.common.ErrorInfo;
import org.qaqpa.contract.common.SenderInfo;
import org.qaqpa.contract.sync.ISyncChannel;
import org.qaqpa.contract.sync.ISyncChannelHttpService;
import org.qaqpa.contract.sync.SendMessage;
import org.qaqpa.contract.sync.SendMessageSendMessageFaultMsg;
import org.qaqpa.contract.sync.SyncMessageInfo;
import org.qaqpa.contract.sync.request.RequestData;
import org.qaqpa.contract.sync.request.SyncSendMessageRequest;
import org.qaqpa.error.ErrorCode;

/**
 * A CXF client generated from our {@code wsdl/} calls {@code SendMessage} over HTTP; a serviceId
 * nobody provides comes back as the typed fault carrying {@code ErrorInfo}.
 */
@ExtendWith(SharedGateway.class)
class SyncChannelClientTest {

    @Test
    void unknownServiceIsTypedFaultWithErrorInfo() throws Exception {
        ISyncChannel port = new ISyncChannelHttpService().getSyncChannelHttpPort();
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY,
                SharedGateway.gateway().uri("/bip-sync/").toString());

        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
        SendMessageSendMessageFaultMsg fault = catchThrowableOfType(SendMessageSendMessageFaultMsg.class,
                () -> port.sendMessage(request("NO_SUCH_SERVICE")));

        ErrorInfo info = fault.getFaultInfo();
        assertThat(info.getErrorCode()).isEqualTo(ErrorCode.SERVICE_NOT_FOUND.name());
        assertThat(info.getErrorMessage()).contains("NO_SUCH_SERVICE");
        assertThat(info.getSessionId()).matches("\\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}");
        assertThat(info.getErrorDate().toGregorianCalendar().toZonedDateTime().toOffsetDateTime()).isAfter(before);
    }

    static SendMessage request(String serviceId) throws Exception {
        SenderInfo sender = new SenderInfo();
        sender.setSenderId("client-test");
        sender.setPassword("secret");
        SyncMessageInfo info = new SyncMessageInfo();
        info.setMessageId("client-0001");
        info.setServiceId(serviceId);
        info.setMessageDate(DatatypeFactory.newInstance().newXMLGregorianCalendar(new GregorianCalendar()));
        info.setSender(sender);
        RequestData data = new RequestData();
        data.setData("hello");
        SyncSendMessageRequest request = new SyncSendMessageRequest();
        request.setRequestInfo(info);
        request.setRequestData(data);
        SendMessage message = new SendMessage();
        message.setRequest(request);
        return message;
    }
}
