package org.qaqpa.security.dsig;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The two GOST R 34.10-2015 key sizes, recognised from a certificate's SubjectPublicKeyInfo
 * (the JDK keeps GOST keys as opaque X.509 keys), each with its pkigovkz signature and digest URIs.
 */
enum GostKey {

    GOST_256(GostAlgorithms.SIGNATURE_256, GostAlgorithms.DIGEST_256, 64),
    GOST_512(GostAlgorithms.SIGNATURE_512, GostAlgorithms.DIGEST_512, 128);

    /** Key algorithm OIDs: TC26 (what Bouncy Castle issues) and the NCA's own (what KalkanCrypt issues). */
    private static final Map<String, GostKey> BY_OID = Map.of(
            "1.2.643.7.1.1.1.1", GOST_256,
            "1.2.643.7.1.1.1.2", GOST_512,
            "1.2.398.3.10.1.1.2.1", GOST_256,
            "1.2.398.3.10.1.1.2.2", GOST_512);
    /** Other GOST families (GOST R 34.10-2001, GOST 34.310-2004, …): recognised so they are refused by name. */
    private static final String[] GOST_ARCS = {"1.2.643.", "1.2.398.3.10."};
    /** A named parameter set takes a few dozen bytes; explicit curve parameters would take hundreds. */
    private static final int MAX_PARAMETER_BYTES = 64;

    private final String signatureUri;
    private final String digestUri;
    private final int publicKeyBytes;

    GostKey(String signatureUri, String digestUri, int publicKeyBytes) {
        this.signatureUri = signatureUri;
        this.digestUri = digestUri;
        this.publicKeyBytes = publicKeyBytes;
    }

    String signatureUri() {
        return signatureUri;
    }

    String digestUri() {
        return digestUri;
    }

    /**
     * The size of a GOST R 34.10-2015 key; empty for a key that is not GOST at all.
     *
     * @throws IllegalArgumentException for a GOST key of another family, another size or with
     *         explicit (not named) curve parameters
     */
    static Optional<GostKey> of(PublicKey key) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        String oid = info.getAlgorithm().getAlgorithm().getId();
        GostKey size = BY_OID.get(oid);
        if (size == null) {
            for (String arc : GOST_ARCS) {
                if (oid.startsWith(arc)) {
                    throw new IllegalArgumentException("a GOST key of algorithm " + oid
                            + ", not GOST R 34.10-2015 (256 or 512)");
                }
            }
            return Optional.empty();
        }
        if (!size.hasShape(info)) {
            throw new IllegalArgumentException("a GOST R 34.10-2015 key that is not a " + size.publicKeyBytes * 4
                    + "-bit point on a named parameter set");
        }
        return Optional.of(size);
    }

    private boolean hasShape(SubjectPublicKeyInfo info) {
        try {
            ASN1Encodable parameters = info.getAlgorithm().getParameters();
            return (parameters == null || parameters.toASN1Primitive().getEncoded().length <= MAX_PARAMETER_BYTES)
                    && ASN1OctetString.getInstance(info.parsePublicKey()).getOctets().length == publicKeyBytes;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
