package org.qaqpa.bench.reference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.cxf.ws.security.wss4j.CryptoCoverageChecker;
import org.apache.cxf.ws.security.wss4j.CryptoCoverageUtil;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;

/**
 * The WS-Security of both sides of the proxy, configured the way CXF's samples do it: WSS4J
 * interceptors driven by a property map, the {@code Crypto} objects handed over by reference. No
 * WS-SecurityPolicy (the SHEP WSDL has none), so the coverage is declared with a coverage checker.
 * SHEP traffic carries a signature over the Body and no Timestamp (the reference form of
 * shep-contract.md §2.1), so the only action is {@code Signature}.
 */
final class WssInterceptors {

    private static final String SIGNING_CRYPTO = "referenceSigningCrypto";
    private static final String TRUST_CRYPTO = "referenceTrustCrypto";
    private static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP_BODY = "{Element}{" + SOAP11 + "}Body";

    private final ReferenceKeys keys;

    WssInterceptors(ReferenceKeys keys) {
        this.keys = keys;
    }

    /**
     * Verifies the signature of an incoming message against the CA certificates; the signer's subject
     * DN (RFC 2253) must also match the regular expression {@code subjectPattern}.
     */
    WSS4JInInterceptor verifier(String subjectPattern) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION, ConfigurationConstants.SIGNATURE);
        properties.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, TRUST_CRYPTO);
        properties.put(TRUST_CRYPTO, keys.trust());
        properties.put(ConfigurationConstants.SIG_SUBJECT_CERT_CONSTRAINTS, subjectPattern);
        // WSS4J splits the constraints at commas by default, and a quoted DN has commas in it.
        properties.put(ConfigurationConstants.SIG_CERT_CONSTRAINTS_SEPARATOR, "\n");
        return new WSS4JInInterceptor(properties);
    }

    /**
     * Refuses a message whose SOAP 1.1 Body is not signed, with CXF's coverage checker given that one XPath
     * (as CXF's {@code CryptoCoverageCheckerTest} configures it), not {@code DefaultCryptoCoverageChecker}'s
     * eight — SOAP 1.2, Timestamp and WS-Addressing headers, none of which SHEP traffic carries.
     */
    CryptoCoverageChecker bodyCoverage() {
        return new CryptoCoverageChecker(Map.of("soapenv", SOAP11),
                List.of(new CryptoCoverageChecker.XPathExpression("/soapenv:Envelope/soapenv:Body",
                        CryptoCoverageUtil.CoverageType.SIGNED, CryptoCoverageUtil.CoverageScope.ELEMENT)));
    }

    /**
     * Signs the Body of an outgoing message with the gateway's key in the SHEP reference form:
     * RSA-SHA256, exclusive c14n, the certificate as an X509v3 {@code KeyIdentifier}.
     */
    WSS4JOutInterceptor signer() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION, ConfigurationConstants.SIGNATURE);
        properties.put(ConfigurationConstants.USER, ReferenceKeys.GATEWAY_ALIAS);
        properties.put(ConfigurationConstants.SIG_PROP_REF_ID, SIGNING_CRYPTO);
        properties.put(SIGNING_CRYPTO, keys.signing());
        properties.put(ConfigurationConstants.PW_CALLBACK_REF, keys.passwords());
        properties.put(ConfigurationConstants.SIG_KEY_ID, "X509KeyIdentifier");
        properties.put(ConfigurationConstants.SIG_ALGO, RSA_SHA256);
        properties.put(ConfigurationConstants.SIG_DIGEST_ALGO, SHA256);
        properties.put(ConfigurationConstants.SIGNATURE_PARTS, SOAP_BODY);
        return new WSS4JOutInterceptor(properties);
    }
}
