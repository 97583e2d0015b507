package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.xml.ws.BindingProvider;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.frontend.ClientProxy;
import java.security.KeyStore;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
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
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * A CXF client generated from our {@code wsdl/}, signing with WSS4J as SHEP clients do, calls
 * {@code SendMessage} over HTTP: the sandbox echo's answer comes back signed by the gateway and
 * verified by WSS4J; a serviceId nobody provides comes back as the typed fault carrying {@code ErrorInfo}.
 */
@ExtendWith(SharedGateway.class)
class SyncChannelClientTest {

    @Test
    void unknownServiceIsTypedFaultWithErrorInfo() throws Exception {
        ISyncChannel port = signingPort();
        // The fault comes back signed by the gateway; WSS4J checks that signature before the fault is thrown.
        ClientProxy.getClient(port).getInFaultInterceptors().add(wss4jVerifier(SharedGateway.gateway().pki()));

        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
        SendMessageSendMessageFaultMsg fault = catchThrowableOfType(SendMessageSendMessageFaultMsg.class,
                () -> port.sendMessage(request("NO_SUCH_SERVICE")));

        ErrorInfo info = fault.getFaultInfo();
        assertThat(info.getErrorCode()).isEqualTo(ErrorCode.SERVICE_NOT_FOUND.name());
        assertThat(info.getErrorMessage()).contains("NO_SUCH_SERVICE");
        assertThat(info.getSessionId()).matches("\\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}");
        assertThat(info.getErrorDate().toGregorianCalendar().toZonedDateTime().toOffsetDateTime()).isAfter(before);
    }

    @Test
    void echoAnswerComesBackSignedByTheGatewayAndVerifiedByTheClient() throws Exception {
        ISyncChannel port = signingPort();
        // WSS4J refuses the answer unless it carries a valid signature by the gateway's certificate
        ClientProxy.getClient(port).getInInterceptors().add(wss4jVerifier(SharedGateway.gateway().pki()));

        SendMessage request = request("TEST_SERVICE_ID");
        var answer = port.sendMessage(request).getResponse();

        assertThat(answer.getResponseInfo().getStatus().getCode()).isEqualTo("Success");
        assertThat(answer.getResponseInfo().getCorrelationId()).isEqualTo(request.getRequest().getRequestInfo().getMessageId());
        assertThat(answer.getResponseInfo().getSessionId()).matches("\\{[0-9a-f-]{36}}");
        Object data = answer.getResponseData().getData();
        assertThat(data instanceof org.w3c.dom.Node node ? node.getTextContent() : String.valueOf(data)).isEqualTo("hello");
    }

    /** A generated client of the shared gateway's /bip-sync/ that signs as the legal-entity member. */
    private static ISyncChannel signingPort() throws Exception {
        ISyncChannel port = new ISyncChannelHttpService().getSyncChannelHttpPort();
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY,
                SharedGateway.gateway().uri("/bip-sync/").toString());
        ClientProxy.getClient(port).getOutInterceptors().add(wss4jSigner(SharedGateway.gateway().pki().legalEntity()));
        return port;
    }

    /**
     * Signs as a plain WSS4J client does (codecraftkz/sync-client, shep-contract.md §2.1): action
     * Signature, X509v3 KeyIdentifier, RSA-SHA256, exc-c14n over the Body.
     */
    static WSS4JOutInterceptor wss4jSigner(IssuedCertificate member) throws Exception {
        Merlin crypto = new Merlin();
        crypto.setKeyStore(member.toPkcs12("member", "test".toCharArray()));
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION, ConfigurationConstants.SIGNATURE);
        properties.put(ConfigurationConstants.USER, "member");
        properties.put(ConfigurationConstants.SIG_PROP_REF_ID, "memberCrypto");
        properties.put("memberCrypto", crypto);
        properties.put(ConfigurationConstants.SIG_KEY_ID, "X509KeyIdentifier");
        properties.put(ConfigurationConstants.SIG_ALGO, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        properties.put(ConfigurationConstants.SIG_DIGEST_ALGO, "http://www.w3.org/2001/04/xmlenc#sha256");
        properties.put(ConfigurationConstants.SIG_C14N_ALGO, "http://www.w3.org/2001/10/xml-exc-c14n#");
        properties.put(ConfigurationConstants.ADD_INCLUSIVE_PREFIXES, "false");
        properties.put(ConfigurationConstants.PW_CALLBACK_REF, (CallbackHandler) callbacks -> {
            for (Callback callback : callbacks) {
                ((WSPasswordCallback) callback).setPassword("test");
            }
        });
        return new WSS4JOutInterceptor(properties);
    }

    /** Verifies the gateway's answer signature as a WSS4J client does, trusting the test PKI. */
    static WSS4JInInterceptor wss4jVerifier(DevPki pki) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("root", pki.root().certificate());
        trustStore.setCertificateEntry("intermediate", pki.intermediate().certificate());
        Merlin trust = new Merlin();
        trust.setTrustStore(trustStore);
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION, ConfigurationConstants.SIGNATURE);
        properties.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, "gatewayTrust");
        properties.put("gatewayTrust", trust);
        properties.put(ConfigurationConstants.SIG_SUBJECT_CERT_CONSTRAINTS, ".*CN=QAQPA GATEWAY.*");
        return new WSS4JInInterceptor(properties);
    }

    static SendMessage request(String serviceId) throws Exception {
        SenderInfo sender = new SenderInfo();
        sender.setSenderId(Envelopes.SENDER);
        sender.setPassword(Envelopes.PASSWORD);
        SyncMessageInfo info = new SyncMessageInfo();
        info.setMessageId(java.util.UUID.randomUUID().toString());
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
