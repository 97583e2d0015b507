package org.qaqpa.security.pki;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A certificate, its private key and the chain above it (issuer first, root last; empty for a self-signed one). */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
    }

    /** The certificate followed by its chain: what a signer puts beside its signature. */
    public List<X509Certificate> certificateAndChain() {
        List<X509Certificate> all = new ArrayList<>(chain.size() + 1);
        all.add(certificate);
        all.addAll(chain);
        return List.copyOf(all);
    }

    /** A PKCS#12 key store holding the key under {@code alias} with the certificate and chain. */
    public KeyStore toPkcs12(String alias, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, privateKey, password, certificateAndChain().toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a PKCS#12 key store: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the first key entry of a PKCS#12 file.
     *
     * @throws IllegalArgumentException if the password is wrong, the file is not PKCS#12 or holds no key
     * @throws UncheckedIOException if the file cannot be read
     */
    public static IssuedCertificate readPkcs12(Path file, char[] password) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return readPkcs12(bytes, password, file.toString());
    }

    /**
     * Reads the first key entry of PKCS#12 bytes (an upload), {@code file} naming them in messages.
     *
     * @throws IllegalArgumentException if the password is wrong, the bytes are not PKCS#12 or hold no key
     */
    public static IssuedCertificate readPkcs12(byte[] bytes, char[] password, String file) {
        KeyStore store = load(() -> KeyStore.getInstance("PKCS12"), bytes, password, file);
        String alias = firstKeyAlias(store, file);
        try {
            return fromKeyStore(store, alias, password);
        } catch (UnrecoverableKeyException e) {
            // The JDK cannot rebuild keys of algorithms it has no KeyFactory for (GOST); Bouncy Castle can.
            return fromBouncyCastle(bytes, password, file);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the key in " + file + ": " + e.getMessage(), e);
        }
    }

    private static IssuedCertificate fromBouncyCastle(byte[] bytes, char[] password, String file) {
        KeyStore store = load(() -> KeyStore.getInstance("PKCS12", BouncyCastle.PROVIDER), bytes, password, file);
        try {
            IssuedCertificate read = fromKeyStore(store, firstKeyAlias(store, file), password);
            // JDK certificate objects, like everywhere else (see CertificateAuthority)
            return new IssuedCertificate(jdkCertificate(read.certificate()), read.privateKey(),
                    read.chain().stream().map(IssuedCertificate::jdkCertificate).toList());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the key in " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(KeyStoreSupplier type, byte[] bytes, char[] password, String file) {
        try {
            KeyStore store = type.get();
            store.load(new ByteArrayInputStream(bytes), password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // KeyStore.load reports a wrong password and a damaged file alike, as an IOException
            throw new IllegalArgumentException("wrong password or not a PKCS#12 file: " + file, e);
        }
    }

    private static String firstKeyAlias(KeyStore store, String file) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return alias;
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("a loaded key store cannot list its entries", e);
        }
        throw new IllegalArgumentException("no private key in PKCS#12 file: " + file);
    }

    private static X509Certificate jdkCertificate(X509Certificate certificate) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("a certificate in the key store does not parse: " + e.getMessage(), e);
        }
    }

    /** {@code KeyStore::getInstance} with its checked exception. */
    @FunctionalInterface
    private interface KeyStoreSupplier {
        KeyStore get() throws GeneralSecurityException;
    }

    /** The key entry {@code alias} of a key store. */
    public static IssuedCertificate fromKeyStore(KeyStore store, String alias, char[] password) throws GeneralSecurityException {
        Key key = store.getKey(alias, password);
        if (!(key instanceof PrivateKey privateKey)) {
            throw new IllegalArgumentException("no private key under alias " + alias);
        }
        Certificate[] chain = store.getCertificateChain(alias);
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("no certificate under alias " + alias);
        }
        List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        return new IssuedCertificate(certificates.get(0), privateKey, certificates.subList(1, certificates.size()));
    }

    /** Never prints the key: the JDK's RSA key {@code toString} includes the private exponent. */
    @Override
    public String toString() {
        return "IssuedCertificate[subject=" + certificate.getSubjectX500Principal().getName()
                + ", serial=" + certificate.getSerialNumber().toString(16) + ", chain=" + chain.size() + "]";
    }
}
