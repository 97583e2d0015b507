package org.qaqpa.security.dsig;

import java.util.Map;
import java.util.Set;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.error.PrintableText;

/**
 * The one table of XML-signature algorithm URIs the gateway accepts, with the reason for every
 * refusal ({@code ALGORITHM_FORBIDDEN}). RSA-SHA1 is accepted only with legacy SHA-1 allowed;
 * MD5, HMAC, XSLT and XPath transforms never. GOST R 34.10-2015 / 34.11-2015 in the NCA's
 * {@code pkigovkz} URIs (shep-contract.md §2.3) are computed by the {@link GostProvider} in use; the
 * withdrawn GOST 34.310-2004 URIs are recognised and refused by name.
 */
public final class AlgorithmTable {

    /** Signature methods by URI, mapped to their JCA names (GOST: KalkanCrypt's, as in pkigovkz's mapping). */
    static final Map<String, String> SIGNATURE_METHODS = Map.of(
            GostAlgorithms.SIGNATURE_256, "ECGOST3410-2015-256",
            GostAlgorithms.SIGNATURE_512, "ECGOST3410-2015-512",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "SHA256withRSA",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "SHA384withRSA",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "SHA512withRSA",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "SHA256withECDSA",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "SHA384withECDSA",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", "SHA512withECDSA");
    static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

    /** Digest methods by URI, mapped to their JCA names (GOST: KalkanCrypt's). */
    static final Map<String, String> DIGEST_METHODS = Map.of(
            GostAlgorithms.DIGEST_256, "GOST3411-2015-256",
            GostAlgorithms.DIGEST_512, "GOST3411-2015-512",
            "http://www.w3.org/2001/04/xmlenc#sha256", "SHA-256",
            "http://www.w3.org/2001/04/xmldsig-more#sha384", "SHA-384",
            "http://www.w3.org/2001/04/xmlenc#sha512", "SHA-512");
    static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";

    /** GOST 34.310-2004 with GOST 34.311-95: the NCA's withdrawn algorithms, still named in old traffic. */
    static final String LEGACY_GOST_SIGNATURE = "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311";
    static final String LEGACY_GOST_DIGEST = "http://www.w3.org/2001/04/xmldsig-more#gost34311";
    private static final String LEGACY_GOST_REASON = " (GOST 34.310-2004 / 34.311-95 is withdrawn by the NCA and not supported;"
            + " GOST R 34.10-2015 is)";

    static final Set<String> CANONICALIZATIONS = Set.of(
            "http://www.w3.org/2001/10/xml-exc-c14n#",
            "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
            "http://www.w3.org/2006/12/xml-c14n11",
            "http://www.w3.org/2006/12/xml-c14n11#WithComments");
    static final String ENVELOPED_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

    /** Broken algorithms refused under every policy, interop included (DESIGN §5.2). */
    static final Set<String> NEVER = Set.of(
            "http://www.w3.org/2001/04/xmldsig-more#md5",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-md5",
            "http://www.w3.org/2001/04/xmldsig-more#hmac-md5",
            "http://www.w3.org/2001/04/xmlenc#rsa-1_5");

    /** Santuario's secure-validation limits, repeated here so the refusal carries our code. */
    public static final int MAX_REFERENCES = 30;
    public static final int MAX_TRANSFORMS = 5;

    private final boolean allowLegacySha1;

    public AlgorithmTable(boolean allowLegacySha1) {
        this.allowLegacySha1 = allowLegacySha1;
    }

    /** The JCA name of an accepted signature method, or {@code ALGORITHM_FORBIDDEN}. */
    public String signatureMethod(String uri) {
        String jca = SIGNATURE_METHODS.get(uri);
        if (jca != null) {
            return jca;
        }
        if (RSA_SHA1.equals(uri) && allowLegacySha1) {
            return "SHA1withRSA";
        }
        throw forbidden("signature method", uri, RSA_SHA1.equals(uri) ? " (SHA-1 is allowed only with security.allow-legacy-sha1)"
                : LEGACY_GOST_SIGNATURE.equals(uri) ? LEGACY_GOST_REASON : "");
    }

    /** The JCA name of an accepted digest method, or {@code ALGORITHM_FORBIDDEN}. */
    public String digestMethod(String uri) {
        String jca = DIGEST_METHODS.get(uri);
        if (jca != null) {
            return jca;
        }
        if (SHA1.equals(uri) && allowLegacySha1) {
            return "SHA-1";
        }
        throw forbidden("digest method", uri, SHA1.equals(uri) ? " (SHA-1 is allowed only with security.allow-legacy-sha1)"
                : LEGACY_GOST_DIGEST.equals(uri) ? LEGACY_GOST_REASON : "");
    }

    /** Refuses the algorithms no policy accepts (MD5, RSA-1.5). */
    public void notBroken(String uri) {
        if (NEVER.contains(uri)) {
            throw forbidden("algorithm", uri, " (broken, refused under every policy)");
        }
    }

    public void canonicalization(String uri) {
        if (!CANONICALIZATIONS.contains(uri)) {
            throw forbidden("canonicalization", uri, "");
        }
    }

    /** Transforms: the canonicalizations and enveloped-signature; never XSLT, XPath or anything else. */
    public void transform(String uri) {
        if (!CANONICALIZATIONS.contains(uri) && !ENVELOPED_SIGNATURE.equals(uri)) {
            throw forbidden("transform", uri, "");
        }
    }

    private static QaqpaFault forbidden(String what, String uri, String why) {
        return new QaqpaFault(ErrorCode.ALGORITHM_FORBIDDEN,
                "The " + what + " '" + PrintableText.of(uri, 120) + "' is not allowed" + why + ".");
    }
}
