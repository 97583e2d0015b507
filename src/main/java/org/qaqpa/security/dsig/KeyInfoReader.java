package org.qaqpa.security.dsig;

import static org.qaqpa.security.dsig.XmlNames.DS;
import static org.qaqpa.security.dsig.XmlNames.WSSE;
import static org.qaqpa.security.dsig.XmlNames.WSU;
import static org.qaqpa.security.dsig.XmlNames.X509V3;
import static org.qaqpa.security.dsig.XmlNames.child;
import static org.qaqpa.security.dsig.XmlNames.children;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Element;

/**
 * Reads the signer's certificate (and any others sent with it) from a {@code ds:KeyInfo}, in the
 * forms SHEP traffic uses: {@code X509Data/X509Certificate} (as xmlsec1 writes), a WS-Security
 * {@code SecurityTokenReference} with an X509v3 {@code KeyIdentifier} (the SHEP reference form),
 * a {@code Reference} to a {@code BinarySecurityToken}, or {@code X509IssuerSerial} of a known certificate.
 */
final class KeyInfoReader {

    /** More certificates than any real chain needs; a KeyInfo with more is refused before parsing them all. */
    static final int MAX_CERTIFICATES = 10;

    private final List<X509Certificate> known;

    /** @param known certificates a signature may name by issuer and serial only */
    KeyInfoReader(List<X509Certificate> known) {
        this.known = List.copyOf(known);
    }

    /** Presented certificates, the signer first. */
    List<X509Certificate> certificates(Element signature, Element securityHeader) {
        Element keyInfo = child(signature, DS, "KeyInfo");
        if (keyInfo == null) {
            throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "The signature has no KeyInfo naming its certificate.");
        }
        Element str = child(keyInfo, WSSE, "SecurityTokenReference");
        if (str != null) {
            return fromTokenReference(str, securityHeader);
        }
        Element x509Data = child(keyInfo, DS, "X509Data");
        if (x509Data != null) {
            return fromX509Data(x509Data);
        }
        throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "The KeyInfo names no certificate in a supported form.");
    }

    private List<X509Certificate> fromTokenReference(Element str, Element securityHeader) {
        Element keyIdentifier = child(str, WSSE, "KeyIdentifier");
        if (keyIdentifier != null) {
            if (!X509V3.equals(keyIdentifier.getAttribute("ValueType"))) {
                throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "Only X509v3 KeyIdentifiers (the whole certificate) are supported.");
            }
            return List.of(parse(keyIdentifier.getTextContent()));
        }
        Element reference = child(str, WSSE, "Reference");
        if (reference != null) {
            return List.of(binarySecurityToken(reference.getAttribute("URI"), securityHeader));
        }
        Element x509Data = child(str, DS, "X509Data");
        if (x509Data != null) {
            return fromX509Data(x509Data);
        }
        throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "The SecurityTokenReference names no certificate in a supported form.");
    }

    private X509Certificate binarySecurityToken(String uri, Element securityHeader) {
        if (securityHeader != null && uri.startsWith("#")) {
            for (Element token : children(securityHeader, WSSE, "BinarySecurityToken")) {
                if (uri.substring(1).equals(token.getAttributeNS(WSU, "Id")) && X509V3.equals(token.getAttribute("ValueType"))) {
                    return parse(token.getTextContent());
                }
            }
        }
        throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "The referenced BinarySecurityToken is not in the Security header.");
    }

    private List<X509Certificate> fromX509Data(Element x509Data) {
        List<Element> encoded = children(x509Data, DS, "X509Certificate");
        if (encoded.size() > MAX_CERTIFICATES) {
            throw new QaqpaFault(ErrorCode.CERT_UNTRUSTED,
                    "The KeyInfo carries more than " + MAX_CERTIFICATES + " certificates.");
        }
        if (!encoded.isEmpty()) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Element e : encoded) {
                certificates.add(parse(e.getTextContent()));
            }
            return signerFirst(certificates);
        }
        Element issuerSerial = child(x509Data, DS, "X509IssuerSerial");
        if (issuerSerial != null) {
            return List.of(known(issuerSerial));
        }
        throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "The X509Data names no certificate in a supported form.");
    }

    private X509Certificate known(Element issuerSerial) {
        Element issuer = child(issuerSerial, DS, "X509IssuerName");
        Element serial = child(issuerSerial, DS, "X509SerialNumber");
        try {
            X500Principal issuerName = new X500Principal(issuer.getTextContent().trim());
            BigInteger serialNumber = new BigInteger(serial.getTextContent().trim());
            for (X509Certificate candidate : known) {
                if (candidate.getSerialNumber().equals(serialNumber) && candidate.getIssuerX500Principal().equals(issuerName)) {
                    return candidate;
                }
            }
        } catch (RuntimeException e) {
            throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "The X509IssuerSerial cannot be read.");
        }
        throw new QaqpaFault(ErrorCode.CERT_UNTRUSTED, "The certificate named by X509IssuerSerial is not known to the gateway.");
    }

    /** The leaf of the presented certificates is the one that issued none of the others. */
    private static List<X509Certificate> signerFirst(List<X509Certificate> certificates) {
        for (X509Certificate candidate : certificates) {
            boolean issuesAnother = certificates.stream().anyMatch(other -> other != candidate
                    && other.getIssuerX500Principal().equals(candidate.getSubjectX500Principal()));
            if (!issuesAnother) {
                List<X509Certificate> ordered = new ArrayList<>(certificates);
                ordered.remove(candidate);
                ordered.add(0, candidate);
                return ordered;
            }
        }
        return certificates;
    }

    static X509Certificate parse(String base64) {
        X509Certificate certificate;
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.trim());
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            throw new QaqpaFault(ErrorCode.CERT_UNTRUSTED, "A certificate in the KeyInfo cannot be read.");
        }
        requireReasonableKey(certificate);
        return certificate;
    }

    /** Largest RSA modulus accepted from a sender: bigger keys only make every check slower (a DoS lever). */
    static final int MAX_RSA_BITS = 4096;

    /**
     * Refuses keys whose checks would cost far more than any real certificate's, before any is
     * verified, and GOST keys other than GOST R 34.10-2015 256/512 on a named parameter set.
     */
    private static void requireReasonableKey(X509Certificate certificate) {
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa
                && (rsa.getModulus().bitLength() > MAX_RSA_BITS || rsa.getPublicExponent().bitLength() > 32)) {
            throw new QaqpaFault(ErrorCode.CERT_UNTRUSTED, "A certificate in the KeyInfo has an RSA key larger than "
                    + MAX_RSA_BITS + " bits or an exponent over 32 bits.");
        }
        try {
            GostKey.of(certificate.getPublicKey());
        } catch (IllegalArgumentException e) {
            throw new QaqpaFault(ErrorCode.CERT_UNTRUSTED, "A certificate in the KeyInfo has " + e.getMessage() + ".");
        }
    }
}
