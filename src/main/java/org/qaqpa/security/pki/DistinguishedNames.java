package org.qaqpa.security.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.qaqpa.error.PrintableText;

/**
 * Distinguished names in the NCA spelling: written in encoding order ({@code C=KZ, CN=…}), with
 * {@code G}/{@code GN} accepted for GIVENNAME as in NCA issuance templates.
 */
public final class DistinguishedNames {

    /** BCStyle encodes CN, O, SURNAME… as UTF8String (Cyrillic survives) and C, SERIALNUMBER as PrintableString, as NCA does. */
    private static final BCStyle STYLE = new BCStyle() {
        @Override
        public ASN1ObjectIdentifier attrNameToOID(String attrName) {
            String name = attrName.trim();
            if (name.equalsIgnoreCase("G") || name.equalsIgnoreCase("GN")) {
                return BCStyle.GIVENNAME;
            }
            return super.attrNameToOID(name);
        }
    };

    private DistinguishedNames() {
    }

    /**
     * Parses a DN string; {@code SN} means SURNAME here (Bouncy Castle's reading), so serial numbers
     * must be written as {@code SERIALNUMBER=}.
     */
    static X500Name parse(String dn) {
        return new X500Name(STYLE, dn);
    }

    static X500Name of(X500Principal principal) {
        return X500Name.getInstance(STYLE, principal.getEncoded());
    }

    static X500Principal toPrincipal(X500Name name) {
        try {
            return new X500Principal(name.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The subject of a certificate, made safe for a fault message. */
    public static String shown(X509Certificate certificate) {
        return PrintableText.of(of(certificate.getSubjectX500Principal()).toString());
    }
}
