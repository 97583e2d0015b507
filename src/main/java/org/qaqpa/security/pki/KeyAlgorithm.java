package org.qaqpa.security.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import org.bouncycastle.jce.spec.ECNamedCurveGenParameterSpec;

/**
 * The key types the development PKI issues, each with the signature algorithm its certificates and
 * CRLs are signed with: RSA-2048 with SHA-256, and GOST R 34.10-2015 (Bouncy Castle's GOST R
 * 34.10-2012, the same algorithm) on the TC26 parameter set A curves with Streebog.
 */
public enum KeyAlgorithm {

    RSA_2048("SHA256withRSA"),
    GOST_256("GOST3411-2012-256WITHECGOST3410-2012-256"),
    GOST_512("GOST3411-2012-512WITHECGOST3410-2012-512");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String certificateSignature;

    KeyAlgorithm(String certificateSignature) {
        this.certificateSignature = certificateSignature;
    }

    /** The JCA name of the algorithm a CA with a key of this type signs certificates and CRLs with. */
    String certificateSignature() {
        return certificateSignature;
    }

    /** A fresh key pair; GOST keys come from Bouncy Castle (the JDK has no GOST), and cost milliseconds. */
    KeyPair newKeyPair() {
        try {
            if (this == RSA_2048) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("ECGOST3410-2012", BouncyCastle.PROVIDER);
            generator.initialize(new ECNamedCurveGenParameterSpec(this == GOST_256
                    ? "Tc26-Gost-3410-12-256-paramSetA" : "Tc26-Gost-3410-12-512-paramSetA"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + this + " key", e);
        }
    }

    /** The type of a private key this PKI made: RSA, or GOST by the size of its curve. */
    static KeyAlgorithm of(PrivateKey key) {
        if (key.getAlgorithm().equals("RSA")) {
            return RSA_2048;
        }
        if (key.getAlgorithm().startsWith("ECGOST3410") && key instanceof ECKey ec) {
            return ec.getParams().getOrder().bitLength() > 256 ? GOST_512 : GOST_256;
        }
        throw new IllegalArgumentException("no certificate signature algorithm for " + key.getAlgorithm() + " keys");
    }
}
