package org.qaqpa.security.dsig;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.apache.xml.security.algorithms.SignatureAlgorithmSpi;
import org.apache.xml.security.signature.XMLSignatureException;

/**
 * Santuario's bridge to a GOST R 34.10-2015 signature of the {@link GostProvider} in use. The
 * signature value is what the provider produces, unchanged: for Bouncy Castle the fixed-length
 * concatenation s || r, big-endian (64 bytes for 256, 128 for 512), not DER. A value is therefore
 * verified with the provider that produced it (see docs/security.md on KalkanCrypt).
 */
public abstract class GostSignatureSpi extends SignatureAlgorithmSpi {

    private final String uri;
    private final GostProvider gost;
    private final Signature signature;

    GostSignatureSpi(String uri, boolean size512) throws XMLSignatureException {
        this.uri = uri;
        this.gost = GostProvider.current();
        String name = size512 ? gost.names().signature512() : gost.names().signature256();
        try {
            this.signature = Signature.getInstance(name, gost.provider());
        } catch (GeneralSecurityException e) {
            throw new XMLSignatureException(e);
        }
    }

    /** {@value GostAlgorithms#SIGNATURE_256}. */
    public static final class Gost256 extends GostSignatureSpi {
        public Gost256() throws XMLSignatureException {
            super(GostAlgorithms.SIGNATURE_256, false);
        }
    }

    /** {@value GostAlgorithms#SIGNATURE_512}. */
    public static final class Gost512 extends GostSignatureSpi {
        public Gost512() throws XMLSignatureException {
            super(GostAlgorithms.SIGNATURE_512, true);
        }
    }

    @Override
    protected String engineGetURI() {
        return uri;
    }

    @Override
    protected String engineGetJCEAlgorithmString() {
        return signature.getAlgorithm();
    }

    @Override
    protected String engineGetJCEProviderName() {
        return gost.provider().getName();
    }

    @Override
    protected void engineUpdate(byte[] input) throws XMLSignatureException {
        try {
            signature.update(input);
        } catch (SignatureException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineUpdate(byte input) throws XMLSignatureException {
        try {
            signature.update(input);
        } catch (SignatureException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineUpdate(byte[] buf, int offset, int len) throws XMLSignatureException {
        try {
            signature.update(buf, offset, len);
        } catch (SignatureException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineInitSign(Key privateKey) throws XMLSignatureException {
        engineInitSign(privateKey, (SecureRandom) null);
    }

    @Override
    protected void engineInitSign(Key privateKey, SecureRandom random) throws XMLSignatureException {
        engineInitSign(privateKey, random, signature);
    }

    @Override
    protected void engineInitSign(Key privateKey, AlgorithmParameterSpec params) throws XMLSignatureException {
        engineSetParameter(params);
        engineInitSign(privateKey);
    }

    @Override
    protected byte[] engineSign() throws XMLSignatureException {
        try {
            return signature.sign();
        } catch (SignatureException e) {
            throw new XMLSignatureException(e);
        }
    }

    /**
     * The JDK parses GOST certificates but keeps their keys as opaque X.509 keys named by OID; a
     * provider that does not take those gets the same key rebuilt by its own key factory.
     */
    @Override
    protected void engineInitVerify(Key publicKey) throws XMLSignatureException {
        if (!(publicKey instanceof PublicKey key)) {
            engineInitVerify(publicKey, signature); // Santuario's own refusal and message
            return;
        }
        try {
            try {
                signature.initVerify(key);
            } catch (InvalidKeyException notTaken) {
                signature.initVerify(KeyFactory.getInstance(key.getAlgorithm(), gost.provider())
                        .generatePublic(new X509EncodedKeySpec(key.getEncoded())));
            }
        } catch (GeneralSecurityException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected boolean engineVerify(byte[] signatureValue) throws XMLSignatureException {
        try {
            return signature.verify(signatureValue);
        } catch (SignatureException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws XMLSignatureException {
        if (params == null) {
            return;
        }
        try {
            signature.setParameter(params);
        } catch (InvalidAlgorithmParameterException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineSetHMACOutputLength(int length) throws XMLSignatureException {
        throw new XMLSignatureException("algorithms.HMACOutputLengthOnlyForHMAC");
    }
}
