package org.qaqpa.sandbox.eservice;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The e-service payloads keep their signatures valid where they travel: the result inside a status, a status in data. */
class EServiceXmlTest {

    private static final DevPki PKI = DevPki.generate(Clock.systemUTC());

    @Test
    void keepsTheOfficersSignatureOfTheResultValidInsideAStatusAfterTheWire() {
        IssuedCertificate officer = PKI.officer();
        Document result = EServiceXml.document("FILM_CERT", "FILM_CERT-0000000001", LocalDate.of(2026, 12, 5), Optional.empty(),
                "Film distribution certificate", Map.of("filmTitle", "Көшпенділер"));
        new XmlSigner(officer.privateKey(), officer.certificate()).signEnveloped(result);
        Element status = EServiceXml.status("FILM_CERT", "FILM_CERT-20261205-000001", "COMPLETED", Instant.now(), Optional.empty(),
                Optional.of(result));
        Element body = SyncMessages.newEnvelope();
        Element data = SyncMessages.append(body, "data", null);
        data.appendChild(SyncMessages.importWithNamespaces(body.getOwnerDocument(), status));

        Document received = new SecureDocuments(XmlLimits.defaults())
                .parse(new ByteArrayInputStream(SyncMessages.serialize(body.getOwnerDocument())));
        Element document = EServiceXml.child(SyncMessages.elementChildren(SyncMessages.child(SyncMessages.bodyContent(received)
                .getParentNode() instanceof Element e ? e : null, "data")).get(0), "document");
        Document standalone = EServiceXml.standalone(document);

        assertThatCode(() -> new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(),
                List.of()).verify(standalone, XmlSignatureVerifier.Mode.ENVELOPED)).doesNotThrowAnyException();
    }
}
