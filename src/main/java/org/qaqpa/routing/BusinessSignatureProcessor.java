package org.qaqpa.routing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.Service;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.NcaSubject;
import org.qaqpa.security.pki.ValidatedSigner;
import org.qaqpa.security.wss.ProviderSecurity;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Route step for services whose registry entry says {@code business-signature: true}: the
 * {@code data} must carry an enveloped XMLDSig (shep-contract.md §2.2) by a trusted certificate
 * allowed to sign business data (digitalSignature + nonRepudiation). Both {@code data} forms of
 * §1.4 are read: an escaped XML string ({@code xsi:type="xs:string"} or text only) is parsed as its
 * own document; a typed element is taken as the document it was signed as. The data itself is not
 * changed. The signer's IIN/BIN become the headers {@link Headers#BUSINESS_SIGNER_IIN} and
 * {@link Headers#BUSINESS_SIGNER_BIN}. Services without the flag pass untouched: the gateway relays
 * data it need not understand.
 */
public final class BusinessSignatureProcessor implements Processor {

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final Optional<ProviderSecurity> security;
    private final SecureDocuments documents;
    private final DocumentBuilderFactory builders;

    public BusinessSignatureProcessor(Optional<ProviderSecurity> security, XmlLimits limits) {
        this.security = security;
        this.documents = new SecureDocuments(limits);
        this.builders = DocumentBuilderFactory.newInstance();
        this.builders.setNamespaceAware(true);
    }

    @Override
    public void process(Exchange exchange) {
        Service service = exchange.getProperty(ServiceRouteProcessor.SERVICE, Service.class);
        if (service == null || !service.businessSignatureRequired() || security.isEmpty()) {
            return;
        }
        Document signed = signedDocument(data(OperationPayload.of(exchange)), service.serviceId());
        ProviderSecurity checks = security.get();
        ValidatedSigner[] signer = new ValidatedSigner[1];
        checks.verifier().verify(signed, XmlSignatureVerifier.Mode.ENVELOPED, (certificate, presented) ->
                signer[0] = checks.certificates().validate(certificate, presented, checks.clock().instant(),
                        CertificateValidator.Purpose.BUSINESS));
        NcaSubject subject = signer[0].subject();
        subject.iin().ifPresent(iin -> exchange.getIn().setHeader(Headers.BUSINESS_SIGNER_IIN, iin));
        subject.bin().ifPresent(bin -> exchange.getIn().setHeader(Headers.BUSINESS_SIGNER_BIN, bin));
    }

    private Document signedDocument(Element data, String serviceId) {
        Element content = firstElement(data);
        String type = data.getAttributeNS(XSI, "type");
        if (content == null || type.endsWith(":string") || type.equals("string")) {
            String text = data.getTextContent().strip();
            if (text.isEmpty()) {
                throw missing(serviceId);
            }
            return documents.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            Document document = builders.newDocumentBuilder().newDocument();
            document.appendChild(document.importNode(content, true));
            return document;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no DOM builder", e);
        }
    }

    private static Element data(Element sendMessage) {
        Element request = child(sendMessage, "request");
        Element requestData = request == null ? null : child(request, "requestData");
        Element data = requestData == null ? null : child(requestData, "data");
        if (data == null) {
            throw new QaqpaFault(ErrorCode.SIGNATURE_MISSING, "The request has no data to carry a business signature.");
        }
        return data;
    }

    private static QaqpaFault missing(String serviceId) {
        return new QaqpaFault(ErrorCode.SIGNATURE_MISSING, "Service " + serviceId
                + " requires a business signature in data, and the data is empty.");
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
