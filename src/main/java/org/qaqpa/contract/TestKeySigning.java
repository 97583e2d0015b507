package org.qaqpa.contract;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Signs a request with a test key of the development PKI the way a contract suite step does ({@link RequestSigner}:
 * the WS-Security transport signature in the SHEP reference form, and optionally an enveloped business signature over
 * each {@code data} element's document), for the console's signed-request builder. Accepts a whole SOAP 1.1 envelope or
 * only the Body's content (e.g. a {@code SendMessage} element), which it wraps in an envelope first.
 */
public final class TestKeySigning {

    private static final String SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private final MemberKeys keys;

    /** @param pkiDir the development PKI's directory, whose {@code NAME.p12} are the test keys */
    public TestKeySigning(Path pkiDir) {
        this.keys = new MemberKeys(pkiDir);
    }

    /**
     * @param xml     a SOAP envelope or one Body element
     * @param key     the transport signer's key name ({@code legal}, {@code individual}, …)
     * @param dataKey the business signer's key name, if {@code data} is signed too
     * @return the signed envelope's bytes, exactly as they are to be sent
     * @throws IllegalArgumentException if the XML is not well-formed or a key is not a test key of the PKI
     */
    public byte[] sign(String xml, String key, Optional<String> dataKey) {
        for (String name : dataKey.isPresent() ? List.of(key, dataKey.get()) : List.of(key)) {
            if (MemberKeys.isPath(name) || name.isBlank()) {
                throw new IllegalArgumentException("signing key '" + name + "': only a test key's name (e.g. 'legal')");
            }
        }
        String envelope = enveloped(xml);
        return new RequestSigner(keys).prepare(envelope, new Signing(key, true, dataKey), List.of(), Path.of("."));
    }

    /** The XML as an envelope: as it is when its root is a SOAP 1.1 Envelope, else inside a new one's Body. */
    static String enveloped(String xml) {
        Document document = RequestSigner.parse(xml);
        Element root = document.getDocumentElement();
        if (SOAP_11.equals(root.getNamespaceURI()) && root.getLocalName().equals("Envelope")) {
            return xml;
        }
        Document envelope = SyncMessages.newDocument();
        Element top = envelope.createElementNS(SOAP_11, "soapenv:Envelope");
        envelope.appendChild(top);
        Element body = envelope.createElementNS(SOAP_11, "soapenv:Body");
        top.appendChild(body);
        body.appendChild(SyncMessages.importWithNamespaces(envelope, root));
        return new String(SyncMessages.serialize(envelope), StandardCharsets.UTF_8);
    }
}
