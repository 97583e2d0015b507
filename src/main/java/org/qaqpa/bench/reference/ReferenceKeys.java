package org.qaqpa.bench.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * The proxy's key material as WSS4J takes it, read once at start with the JDK's own classes from a
 * development PKI directory ({@code DevPki.writeTo}): a {@link Merlin} holding the gateway's key
 * ({@code gateway.p12}, alias {@value #GATEWAY_ALIAS}) to sign with, and a {@link Merlin} whose trust
 * store holds the PKI's CA certificates ({@code root-cert.pem}, {@code inter-cert.pem}) to verify with.
 *
 * @param signing   the gateway's key; its private key is cached after the first use (WSS4J's
 *                  {@code keystore.private.caching}), as PKCS#12 keys are otherwise decrypted for every signature
 * @param trust     the CA certificates, revocation not checked
 * @param passwords answers WSS4J's request for the password of the gateway's key
 */
record ReferenceKeys(Crypto signing, Crypto trust, CallbackHandler passwords) {

    /** The alias of the gateway's key in {@code gateway.p12}. */
    static final String GATEWAY_ALIAS = "gateway";
    private static final List<String> CA_FILES = List.of("root-cert.pem", "inter-cert.pem");

    /**
     * @throws IllegalArgumentException if {@code pkiDir} holds no development PKI or the password does not open it
     */
    static ReferenceKeys open(Path pkiDir, char[] password) {
        try {
            KeyStore gateway = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pkiDir.resolve("gateway.p12"))) {
                gateway.load(in, password);
            }
            if (!gateway.isKeyEntry(GATEWAY_ALIAS)) {
                throw new IllegalArgumentException(pkiDir.resolve("gateway.p12") + " has no key " + GATEWAY_ALIAS);
            }
            Merlin signing = new Merlin();
            signing.setKeyStore(gateway);
            signing.setEnablePrivateKeyCaching(true);

            KeyStore authorities = KeyStore.getInstance("PKCS12");
            authorities.load(null, null);
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (String file : CA_FILES) {
                Collection<? extends Certificate> certificates;
                try (InputStream in = Files.newInputStream(pkiDir.resolve(file))) {
                    certificates = x509.generateCertificates(in);
                }
                int i = 0;
                for (Certificate certificate : certificates) {
                    authorities.setCertificateEntry(file + "-" + i++, certificate);
                }
            }
            Merlin trust = new Merlin();
            trust.setTrustStore(authorities);
            return new ReferenceKeys(signing, trust, passwords(new String(password)));
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new IllegalArgumentException("the password does not open " + pkiDir.resolve("gateway.p12"), e);
            }
            throw new UncheckedIOException("cannot read the development PKI in " + pkiDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the development PKI in " + pkiDir + ": " + e.getMessage(), e);
        }
    }

    /** The one certificate of a PEM file, as the JDK reads it. */
    static X509Certificate certificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " holds no certificate: " + e.getMessage(), e);
        }
    }

    private static CallbackHandler passwords(String password) {
        return callbacks -> {
            for (Callback callback : callbacks) {
                if (!(callback instanceof WSPasswordCallback passwordCallback)) {
                    throw new UnsupportedCallbackException(callback);
                }
                passwordCallback.setPassword(password);
            }
        };
    }
}
