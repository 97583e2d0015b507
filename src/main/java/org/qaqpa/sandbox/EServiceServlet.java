package org.qaqpa.sandbox;

import static org.qaqpa.sandbox.SyncMessages.child;
import static org.qaqpa.sandbox.SyncMessages.text;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.eservice.EServiceSandbox;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code IAsyncChannelClient} endpoint of an e-service participant (docs/services.md): the provider systems at
 * {@code /sandbox/provider/*}, where the gateway PUSHes applications, and the front ends, the portal at
 * {@code /sandbox/portal} and the PSC at {@code /sandbox/psc}, where it PUSHes statuses and results. Checks the gateway's transport signature, hands the {@code data} to the
 * {@link EServiceSandbox} (once it runs; HTTP 503 before, so the gateway retries), takes status notifications, and
 * answers signed with the sandbox key.
 */
final class EServiceServlet extends SyncProviderServlet {

    private static final long serialVersionUID = 1L;

    /** Which participant the endpoint is: a provider system, or a front end (its member name). */
    enum Role {
        PROVIDER(null),
        PORTAL("portal"),
        PSC("psc");

        private final String member;

        Role(String member) {
            this.member = member;
        }
    }

    private final Role role;
    private final transient AtomicReference<EServiceSandbox> eservices;

    EServiceServlet(Role role, AtomicReference<EServiceSandbox> eservices, ProviderKeys.Lazy keys, Clock clock) {
        super(keys, clock);
        this.role = role;
        this.eservices = eservices;
    }

    @Override
    void answer(ProviderKeys keys, Document envelope, HttpServletResponse response) throws IOException {
        EServiceSandbox sandbox = eservices.get();
        if (sandbox == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the sandbox e-services are not started yet");
            return;
        }
        try {
            keys.verifier().verify(envelope, XmlSignatureVerifier.Mode.WSS, (signer, presented) ->
                    keys.validator().validate(signer, presented, clock.instant(), CertificateValidator.Purpose.TRANSPORT));
            Element content = SyncMessages.bodyContent(envelope);
            if (content != null && AsyncReceiver.STATUS_NOTIFICATION.equals(content.getLocalName())) {
                sendSigned(response, HttpServletResponse.SC_OK, AsyncReceiver.notificationAnswer(clock), keys.echo());
                return;
            }
            Element info = AsyncReceiver.messageInfo(envelope);
            Element payload = payload(content);
            if (role == Role.PROVIDER) {
                String date = text(info, "messageDate");
                if (!sandbox.applicationArrived(text(info, "sender", "senderId"), text(info, "messageId"),
                        text(info, "sessionId"), text(info, "serviceId"),
                        date == null ? null : OffsetDateTime.parse(date.strip()).toInstant(), payload)) {
                    throw new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND, "No e-service takes applications as '"
                            + text(info, "serviceId") + "'.");
                }
            } else if (text(info, "correlationId") != null) {
                sandbox.statusArrived(role.member, text(info, "correlationId").strip(), payload);
            }
            sendSigned(response, HttpServletResponse.SC_OK, AsyncReceiver.acceptance(info, clock), keys.echo());
        } catch (QaqpaFault refusal) {
            sendFault(keys, response, refusal, Optional.empty());
        }
    }

    private static Element payload(Element sendMessage) {
        Element data = child(child(child(sendMessage, "request"), "messageData"), "data");
        Element payload = data == null ? null : SyncMessages.elementChildren(data).stream().findFirst().orElse(null);
        if (payload == null) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The sendMessage carries no element in messageData/data.");
        }
        return payload;
    }
}
