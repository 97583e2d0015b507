package org.qaqpa.security.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues certificates and CRLs under one CA key (or self-signed ones): RSA-2048 keys by default, or
 * keys of another {@link KeyAlgorithm}; everything is signed with the algorithm of the signing key.
 */
final class CertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssuedCertificate ca;

    CertificateAuthority(IssuedCertificate ca) {
        this.ca = ca;
    }

    IssuedCertificate certificate() {
        return ca;
    }

    /** A self-signed CA certificate with a fresh RSA key. */
    static IssuedCertificate selfSignedCa(String subjectDn, Instant notBefore, Instant notAfter) {
        return selfSignedCa(subjectDn, notBefore, notAfter, KeyAlgorithm.RSA_2048);
    }

    /** A self-signed CA certificate with a fresh key of {@code algorithm}. */
    static IssuedCertificate selfSignedCa(String subjectDn, Instant notBefore, Instant notAfter, KeyAlgorithm algorithm) {
        KeyPair keys = algorithm.newKeyPair();
        X500Name subject = DistinguishedNames.parse(subjectDn);
        X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), notBefore, notAfter);
        addCaExtensions(builder, keys.getPublic(), keys.getPublic(), null);
        return new IssuedCertificate(sign(builder, keys.getPrivate()), keys.getPrivate(), List.of());
    }

    /** A self-signed leaf with a fresh key: a certificate nobody vouches for. */
    static IssuedCertificate selfSignedLeaf(LeafSpec spec) {
        KeyPair keys = KeyAlgorithm.RSA_2048.newKeyPair();
        X500Name subject = DistinguishedNames.parse(spec.subjectDn());
        X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), spec.notBefore(), spec.notAfter());
        addLeafExtensions(builder, spec, keys.getPublic(), keys.getPublic());
        return new IssuedCertificate(sign(builder, keys.getPrivate()), keys.getPrivate(), List.of());
    }

    /** A subordinate CA with a fresh RSA key that may issue leaves only (pathLen 0). */
    IssuedCertificate issueCa(String subjectDn, Instant notBefore, Instant notAfter) {
        return issueCa(subjectDn, notBefore, notAfter, KeyAlgorithm.RSA_2048);
    }

    /** A subordinate CA with a fresh key of {@code algorithm} that may issue leaves only (pathLen 0). */
    IssuedCertificate issueCa(String subjectDn, Instant notBefore, Instant notAfter, KeyAlgorithm algorithm) {
        KeyPair keys = algorithm.newKeyPair();
        X509v3CertificateBuilder builder = builder(issuerName(), DistinguishedNames.parse(subjectDn), keys.getPublic(),
                notBefore, notAfter);
        addCaExtensions(builder, keys.getPublic(), ca.certificate().getPublicKey(), 0);
        return issued(builder, keys);
    }

    /** A leaf with a fresh RSA key. */
    IssuedCertificate issueLeaf(LeafSpec spec) {
        return issueLeaf(spec, KeyAlgorithm.RSA_2048);
    }

    /** A leaf with a fresh key of {@code algorithm}. */
    IssuedCertificate issueLeaf(LeafSpec spec, KeyAlgorithm algorithm) {
        KeyPair keys = algorithm.newKeyPair();
        X509v3CertificateBuilder builder = builder(issuerName(), DistinguishedNames.parse(spec.subjectDn()), keys.getPublic(),
                spec.notBefore(), spec.notAfter());
        addLeafExtensions(builder, spec, keys.getPublic(), ca.certificate().getPublicKey());
        if (spec.extendedKeyUsageOids().contains(NcaOids.EKU_OCSP_SIGNING)) {
            // RFC 6960 §4.2.2.2.1: clients need not check the responder's own revocation
            add(builder, OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
        }
        return issued(builder, keys);
    }

    /** A CRL listing {@code revoked} as revoked at {@code thisUpdate}. */
    X509CRL crl(Collection<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate, BigInteger number) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName(), date(thisUpdate));
        builder.setNextUpdate(date(nextUpdate));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), date(thisUpdate), CRLReason.keyCompromise);
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new BcX509ExtensionUtils().createAuthorityKeyIdentifier(publicKeyInfo(ca.certificate().getPublicKey())));
            X509CRLHolder holder = builder.build(signer(ca.privateKey()));
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(holder.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a CRL: " + e.getMessage(), e);
        }
    }

    private X500Name issuerName() {
        return DistinguishedNames.of(ca.certificate().getSubjectX500Principal());
    }

    private IssuedCertificate issued(X509v3CertificateBuilder builder, KeyPair keys) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(ca.certificate());
        chain.addAll(ca.chain());
        return new IssuedCertificate(sign(builder, ca.privateKey()), keys.getPrivate(), chain);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
                                                    Instant notBefore, Instant notAfter) {
        // Random 127-bit serials: unique without bookkeeping, positive, within RFC 5280's 20 octets
        BigInteger serial = new BigInteger(127, RANDOM).setBit(126);
        return new X509v3CertificateBuilder(issuer, serial, date(notBefore), date(notAfter), subject, publicKeyInfo(key));
    }

    private static void addCaExtensions(X509v3CertificateBuilder builder, PublicKey subjectKey, PublicKey issuerKey,
                                        Integer pathLength) {
        add(builder, Extension.basicConstraints, true,
                pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        addKeyIdentifiers(builder, subjectKey, issuerKey);
    }

    private static void addLeafExtensions(X509v3CertificateBuilder builder, LeafSpec spec, PublicKey subjectKey,
                                          PublicKey issuerKey) {
        add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        int usage = (spec.digitalSignature() ? KeyUsage.digitalSignature : 0)
                | (spec.nonRepudiation() ? KeyUsage.nonRepudiation : 0)
                | (spec.keyEncipherment() ? KeyUsage.keyEncipherment : 0);
        if (usage != 0) {
            add(builder, Extension.keyUsage, true, new KeyUsage(usage));
        }
        if (!spec.policyOids().isEmpty()) {
            add(builder, Extension.certificatePolicies, false, new CertificatePolicies(spec.policyOids().stream()
                    .map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid))).toArray(PolicyInformation[]::new)));
        }
        if (!spec.extendedKeyUsageOids().isEmpty()) {
            add(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(spec.extendedKeyUsageOids().stream()
                    .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid))).toArray(KeyPurposeId[]::new)));
        }
        addKeyIdentifiers(builder, subjectKey, issuerKey);
    }

    private static void addKeyIdentifiers(X509v3CertificateBuilder builder, PublicKey subjectKey, PublicKey issuerKey) {
        BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
        add(builder, Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKeyInfo(subjectKey)));
        add(builder, Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(publicKeyInfo(issuerKey)));
    }

    private static void add(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
                            ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode extension " + oid, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            X509CertificateHolder holder = builder.build(signer(key));
            // JDK certificate objects: they behave the same in key stores, CertPath and Santuario
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a certificate: " + e.getMessage(), e);
        }
    }

    private static ContentSigner signer(PrivateKey key) {
        String algorithm = KeyAlgorithm.of(key).certificateSignature();
        try {
            return new JcaContentSignerBuilder(algorithm).setProvider(BouncyCastle.PROVIDER).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    private static SubjectPublicKeyInfo publicKeyInfo(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded());
    }

    /** X.509 times have whole seconds; truncating here keeps the certificate equal to what was asked. */
    private static Date date(Instant instant) {
        return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
