package org.qaqpa.security.wss;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.DistinguishedNames;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.Pem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the gateway's signing key while it runs ({@code POST /admin/keys/rotate}): the new key and certificate
 * (a PKCS#12) are checked as a member's signing certificate is — a path to a trust anchor, valid now, not revoked,
 * key usage digitalSignature — and the key must be the certificate's; then the keystore the gateway starts from is
 * replaced (written beside it, renamed over it) and only then does the {@link GatewayKeyRing} switch, so a restart
 * signs with the key in use and a refused upload changes nothing. The replaced certificates and the ends of their
 * grace periods are written beside the keystore too ({@link RetiredCertificates}), so a restart keeps publishing them.
 */
public final class KeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);
    /** The alias of the key in the keystore written back. */
    static final String ALIAS = "gateway";

    private final GatewayKeyRing keys;
    private final CertificateValidator certificates;
    private final Path keystore;
    private final char[] keystorePassword;
    private final Optional<Path> certificateFile;
    private final Clock clock;

    /**
     * @param keystore         the keystore the gateway reads its key from at start, replaced on rotation
     * @param keystorePassword its password (the rotated key is written with it, whatever the upload's password)
     * @param certificateFile  a PEM copy of the certificate to keep current (the development PKI's {@code gateway-cert.pem},
     *                         which regional nodes on that PKI bind the national node's answers to)
     */
    KeyRotation(GatewayKeyRing keys, CertificateValidator certificates, Path keystore, char[] keystorePassword,
                Optional<Path> certificateFile, Clock clock) {
        this.keys = keys;
        this.certificates = certificates;
        this.keystore = keystore;
        this.keystorePassword = keystorePassword.clone();
        this.certificateFile = certificateFile;
        this.clock = clock;
    }

    /** The keys this rotation replaces. */
    public GatewayKeyRing keys() {
        return keys;
    }

    /**
     * @return the key that signed until now
     * @throws KeyMaterialRefused (field {@code pkcs12}) when the upload is no PKCS#12 with a key, the password is wrong,
     *         the key is not the certificate's, or the certificate is refused (the {@code CERT_*} code in the message)
     * @throws UncheckedIOException when the keystore cannot be written (the key then stays as it was)
     */
    public synchronized IssuedCertificate rotate(byte[] pkcs12, char[] password) {
        IssuedCertificate next;
        try {
            next = IssuedCertificate.readPkcs12(pkcs12, password, "the uploaded PKCS#12");
        } catch (IllegalArgumentException e) {
            throw KeyMaterialRefused.invalid("pkcs12", e.getMessage());
        }
        String shown = DistinguishedNames.shown(next.certificate());
        if (!keyMatches(next.privateKey(), next.certificate().getPublicKey())) {
            throw KeyMaterialRefused.invalid("pkcs12", "the private key is not the key of the certificate " + shown);
        }
        Instant now = clock.instant();
        try {
            certificates.validate(next.certificate(), next.chain(), now, CertificateValidator.Purpose.TRANSPORT);
        } catch (QaqpaFault refused) {
            throw KeyMaterialRefused.invalid("pkcs12", "the certificate is refused (" + refused.code() + "): "
                    + refused.getMessage());
        }
        if (next.certificate().equals(keys.current().certificate())) {
            return keys.current();
        }
        persist(next);
        IssuedCertificate previous = keys.rotate(next, now);
        keepRetired();
        LOG.info("gateway key rotated: now {} (serial {}); {} (serial {}) accepted until {}", shown,
                TrustAnchors.serial(next.certificate()), DistinguishedNames.shown(previous.certificate()),
                TrustAnchors.serial(previous.certificate()), now.plus(keys.grace()));
        return previous;
    }

    /**
     * The replaced certificates beside the keystore, so that a restart within the grace period still publishes them.
     * The rotation has happened already: a failure here costs that after a restart only, and is logged.
     */
    private void keepRetired() {
        Path file = RetiredCertificates.beside(keystore);
        try {
            RetiredCertificates.write(file, keys.retired());
        } catch (IOException e) {
            LOG.warn("The replaced gateway certificates could not be written to {}: {}; after a restart only the new"
                    + " certificate is published", file, e.getMessage());
        }
    }

    private void persist(IssuedCertificate next) {
        Path dir = keystore.toAbsolutePath().getParent();
        try {
            Path temporary = Files.createTempFile(dir, "." + keystore.getFileName() + ".", ".tmp");
            try {
                KeyStore store = next.toPkcs12(ALIAS, keystorePassword);
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    store.store(out, keystorePassword);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot write a PKCS#12 key store: " + e.getMessage(), e);
                }
                TrustAnchors.move(temporary, keystore);
                if (certificateFile.isPresent()) {
                    Files.writeString(temporary, Pem.certificate(next.certificate()), StandardCharsets.US_ASCII);
                    TrustAnchors.move(temporary, certificateFile.get());
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rotated key to " + keystore + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the private key belongs to the public key: RSA by modulus, EC by a test signature. Other algorithms
     * (GOST through a JCE provider) are not compared here; a wrong pair then fails at the peers' first verification.
     */
    static boolean keyMatches(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAPrivateCrtKey rsa) {
            return publicKey instanceof RSAPublicKey pub && rsa.getModulus().equals(pub.getModulus())
                    && rsa.getPublicExponent().equals(pub.getPublicExponent());
        }
        if (privateKey instanceof ECPrivateKey) {
            try {
                byte[] probe = "qaqpa key rotation".getBytes(StandardCharsets.US_ASCII);
                Signature sign = Signature.getInstance("SHA256withECDSA");
                sign.initSign(privateKey);
                sign.update(probe);
                byte[] signature = sign.sign();
                Signature verify = Signature.getInstance("SHA256withECDSA");
                verify.initVerify(publicKey);
                verify.update(probe);
                return verify.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
        return true;
    }
}
