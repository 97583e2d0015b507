package org.qaqpa.security.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
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
    private final Optional<URI> publicationUrl;

    CertificateAuthority(IssuedCertificate ca) {
        this(ca, Optional.empty());
    }

    /**
     * @param publicationUrl where this CA publishes revocation data: leaves it issues then carry an
     *                       OCSP responder {@code URL/ocsp} (authority information access) and a CRL
     *                       distribution point {@code URL/crl}, as NCA certificates do
     */
    CertificateAuthority(IssuedCertificate ca, Optional<URI> publicationUrl) {
        this.ca = ca;
        this.publicationUrl = publicationUrl;
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
        } else {
            publicationUrl.ifPresent(url -> addPublicationPoints(builder, url));
        }
        return issued(builder, keys);
    }

    /** A CRL listing {@code revoked} as revoked at {@code thisUpdate}. */
    X509CRL crl(Collection<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate, BigInteger number) {
        Map<BigInteger, Instant> serials = new LinkedHashMap<>();
        revoked.forEach(certificate -> serials.put(certificate.getSerialNumber(), thisUpdate));
        return crl(serials, thisUpdate, nextUpdate, number);
    }

    /** A CRL listing each serial of {@code revoked} with its revocation time. */
    X509CRL crl(Map<BigInteger, Instant> revoked, Instant thisUpdate, Instant nextUpdate, BigInteger number) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName(), date(thisUpdate));
        builder.setNextUpdate(date(nextUpdate));
        revoked.forEach((serial, at) -> builder.addCRLEntry(serial, date(at), CRLReason.keyCompromise));
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

    private static void addPublicationPoints(X509v3CertificateBuilder builder, URI url) {
        GeneralName ocsp = new GeneralName(GeneralName.uniformResourceIdentifier, url + "/ocsp");
        add(builder, Extension.authorityInfoAccess, false,
                new AuthorityInformationAccess(new AccessDescription(AccessDescription.id_ad_ocsp, ocsp)));
        GeneralName crl = new GeneralName(GeneralName.uniformResourceIdentifier, url + "/crl");
        add(builder, Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(crl)), null, null)}));
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
