package org.qaqpa.e2e;

import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;
import org.qaqpa.security.pki.NcaOids;

/**
 * A TLS PKI made at test time: the development PKI's CA (a PKI of its own, apart from the one requests are
 * signed with) issuing server certificates with subject alternative names (which the development PKI's leaves do
 * not carry, and host name verification needs) and NCA-style authentication certificates for TLS clients; written
 * as the PKCS#12 files {@code server.tls.*} and {@code routing.tls.*} name. Nothing is committed.
 */
final class TlsTestPki {

    static final char[] PASSWORD = "tls-test-password".toCharArray();

    private final DevPki ca;

    private TlsTestPki(DevPki ca) {
        this.ca = ca;
    }

    static TlsTestPki generate() {
        return new TlsTestPki(DevPki.generate(Clock.systemUTC()));
    }

    X509Certificate root() {
        return ca.root().certificate();
    }

    /** A server certificate for these IP addresses and DNS names (entries with a letter are DNS names). */
    IssuedCertificate server(String... names) throws Exception {
        IssuedCertificate issuer = ca.intermediate();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(),
                BigInteger.valueOf(now.toEpochMilli()).shiftLeft(16).add(BigInteger.valueOf(names.length)),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("C=KZ, O=QAQPA TLS TEST, CN=" + names[0]), key.getPublic());
        List<GeneralName> alternatives = new ArrayList<>();
        for (String name : names) {
            alternatives.add(name.matches(".*[a-z].*") ? new GeneralName(GeneralName.dNSName, name)
                    : new GeneralName(GeneralName.iPAddress, InetAddress.getByName(name).getHostAddress()));
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives.toArray(GeneralName[]::new)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.privateKey())));
        return new IssuedCertificate(certificate, key.getPrivate(), issuer.certificateAndChain());
    }

    /** An NCA-style authentication certificate of {@code subjectDn} (EKU clientAuth), as members present in TLS. */
    IssuedCertificate client(String subjectDn) {
        return ca.issue(LeafSpec.signing(subjectDn, Instant.now()).policies(List.of(NcaOids.POLICY_AUTH_LEGAL))
                .extendedKeyUsages(List.of(NcaOids.EKU_CLIENT_AUTH)).keyUsage(true, false, true));
    }

    /** Writes the key and its chain as a PKCS#12 keystore (password {@link #PASSWORD}). */
    static Path writeKeystore(IssuedCertificate key, Path file) throws Exception {
        return write(key.toPkcs12("tls", PASSWORD), file);
    }

    /** Writes this PKI's root as a PKCS#12 truststore (password {@link #PASSWORD}). */
    Path writeTruststore(Path file) throws Exception {
        return write(trustStore(), file);
    }

    /** A TLS client trusting this PKI's root, presenting {@code clientKey} when asked, if given. */
    SSLContext clientContext(Optional<IssuedCertificate> clientKey) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore());
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        if (clientKey.isPresent()) {
            keys.init(clientKey.get().toPkcs12("client", PASSWORD), PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(clientKey.isPresent() ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
        return context;
    }

    private KeyStore trustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", root());
        return store;
    }

    private static Path write(KeyStore store, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }
}
