package org.qaqpa.sandbox;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;

/**
 * The provider of {@code TEST_SERVICE_ID}: checks that the request is transport-signed by a
 * certificate of the development PKI (the gateway's), verifies a business signature inside
 * {@code data} when there is one, and answers with the request's {@code data} copied verbatim and
 * what it found about the business signature in {@code status/message}, signed with the echo key
 * (BIN 990340000025, the BIN {@code config/services.yaml} expects). Refusals are signed faults.
 */
final class EchoProvider extends SyncProviderServlet {

    private static final long serialVersionUID = 1L;

    EchoProvider(ProviderKeys.Lazy keys, Clock clock, XmlLimits limits) {
        super(keys, clock, limits);
    }

    @Override
    void answer(ProviderKeys keys, Document envelope, HttpServletResponse response) throws IOException {
        Optional<SyncRequest> request = verifiedRequest(keys, envelope, response);
        if (request.isEmpty()) {
            return;
        }
        String status = new BusinessSignatureCheck(keys.verifier(), keys.validator(), clock).describe(request.get().data());
        sendSigned(response, HttpServletResponse.SC_OK, ProviderReplies.answer(request.get(), status, clock), keys.echo());
    }
}
