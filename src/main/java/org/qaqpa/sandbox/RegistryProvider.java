package org.qaqpa.sandbox;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.qaqpa.sandbox.registry.RegistryAnswer;
import org.qaqpa.sandbox.registry.RegistryRefusal;
import org.qaqpa.sandbox.registry.StateRegistry;
import org.qaqpa.security.dsig.XmlSigner;
import org.w3c.dom.Document;

/**
 * A sandbox state registry (ГБД ФЛ, ГБД ЮЛ, the tax system) as a sync provider: checks the gateway's
 * transport signature as the echo provider does, hands the payload inside {@code data} (a typed element
 * or an escaped XML string) to the {@link StateRegistry}, and answers with the registry's payload carrying
 * an enveloped signature of its own (shep-contract.md §2.2), the whole answer transport-signed. Both
 * signatures use the sandbox (echo) certificate, BIN 990340000025. A request the registry cannot answer
 * is a signed {@code Client} fault with the registry's own errorCode ({@link RegistryRefusal}).
 */
final class RegistryProvider extends SyncProviderServlet {

    private static final long serialVersionUID = 1L;

    private final transient StateRegistry registry;
    private final transient DataPayload payloads = new DataPayload();

    RegistryProvider(StateRegistry registry, ProviderKeys.Lazy keys, Clock clock) {
        super(keys, clock);
        this.registry = registry;
    }

    @Override
    void answer(ProviderKeys keys, Document envelope, HttpServletResponse response) throws IOException {
        Optional<SyncRequest> request = verifiedRequest(keys, envelope, response);
        if (request.isEmpty()) {
            return;
        }
        RegistryAnswer answer;
        try {
            Document payload = request.get().data().flatMap(payloads::read).orElseThrow(() -> new RegistryRefusal(
                    RegistryRefusal.REQUEST_INVALID, "The data holds no request: one element, or an escaped XML string."));
            answer = registry.answer(payload);
        } catch (RegistryRefusal refusal) {
            sendFault(keys, response, true, refusal.code(), refusal.getMessage(), request.get().sessionId());
            return;
        }
        new XmlSigner(keys.echo().privateKey(), keys.echo().certificate()).signEnveloped(answer.payload());
        sendSigned(response, HttpServletResponse.SC_OK,
                ProviderReplies.answer(request.get(), answer.summary(), answer.payload(), clock), keys.echo());
    }
}
