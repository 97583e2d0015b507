package org.qaqpa.security.dsig;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A signature whose value and digests verified: who signed (the first presented certificate),
 * what came with it, and which references it covers. Trust in the certificate is checked separately.
 */
public record VerifiedSignature(XmlSignatureVerifier.Mode mode, X509Certificate signer,
                                List<X509Certificate> presented, List<String> references) {
}
