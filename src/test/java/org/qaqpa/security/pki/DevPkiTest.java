package org.qaqpa.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.security.pki.CertificateValidator.Purpose;

class DevPkiTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final char[] PASSWORD = "test-password".toCharArray();

    private static DevPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        pki = DevPki.generate(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void chainsEveryLeafThroughTheIntermediateToTheSelfSignedRoot() throws Exception {
        X509Certificate root = pki.root().certificate();
        X509Certificate intermediate = pki.intermediate().certificate();
        root.verify(root.getPublicKey());
        intermediate.verify(root.getPublicKey());
        assertThat(pki.root().chain()).isEmpty();
        assertThat(pki.intermediate().chain()).containsExactly(root);
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(intermediate.getBasicConstraints()).isZero();
        for (IssuedCertificate leaf : leaves()) {
            leaf.certificate().verify(intermediate.getPublicKey());
            assertThat(leaf.chain()).containsExactly(intermediate, root);
            assertThat(leaf.certificate().getBasicConstraints()).isEqualTo(-1);
        }
    }

    @Test
    void leavesPassTheValidatorWithTheRootAsOnlyAnchor() {
        var trust = new TrustMaterial(List.of(pki.root().certificate()), List.of(), List.of(pki.emptyCrl()), RevocationMode.CRL);
        var validator = new CertificateValidator(trust);
        for (IssuedCertificate leaf : List.of(pki.gateway(), pki.region(), pki.echo(), pki.individual(), pki.legalEntity(), pki.officer())) {
            assertThat(validator.validate(leaf.certificate(), leaf.chain(), NOW, Purpose.BUSINESS).path()).hasSize(3);
        }
        assertThat(validator.validate(pki.ocspResponder().certificate(), pki.ocspResponder().chain(), NOW, Purpose.TRANSPORT)
                .path()).hasSize(3);
    }

    @Test
    void namesTheCasLikeTheNca() {
        assertThat(name(pki.root().certificate())).isEqualTo("C=KZ,CN=QAQPA DEV ROOT CA (RSA)");
        assertThat(name(pki.intermediate().certificate())).isEqualTo("C=KZ,CN=QAQPA DEV NCA (RSA)");
        assertThat(pki.root().certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(pki.root().certificate().getNotAfter().toInstant()).isAfter(NOW.plus(Duration.ofDays(3650)));
    }

    @Test
    void givesMembersNcaSubjectsInUtf8() {
        NcaSubject individual = NcaSubject.of(pki.individual().certificate().getSubjectX500Principal());
        NcaSubject legal = NcaSubject.of(pki.legalEntity().certificate().getSubjectX500Principal());
        NcaSubject officer = NcaSubject.of(pki.officer().certificate().getSubjectX500Principal());
        NcaSubject gateway = NcaSubject.of(pki.gateway().certificate().getSubjectX500Principal());

        assertThat(individual.commonName()).isEqualTo("ТЕСТОВ ТЕСТ");
        assertThat(individual.iin()).contains("123456789011");
        assertThat(individual.surname()).contains("ТЕСТОВ");
        assertThat(individual.givenName()).contains("ТЕСТОВИЧ");
        assertThat(individual.bin()).isEmpty();
        assertThat(legal.iin()).contains("123456789011");
        assertThat(legal.bin()).contains("123456789021");
        assertThat(legal.organization()).contains("АО \"ТЕСТ\"");
        assertThat(officer.bin()).isEqualTo(legal.bin());
        assertThat(officer.iin()).isPresent().isNotEqualTo(legal.iin());
        assertThat(gateway.commonName()).isEqualTo("QAQPA GATEWAY");
        assertThat(gateway.bin()).isPresent();
        NcaSubject echo = NcaSubject.of(pki.echo().certificate().getSubjectX500Principal());
        assertThat(echo.commonName()).isEqualTo("QAQPA SANDBOX ECHO");
        assertThat(echo.bin()).contains("990340000025");
        NcaSubject region = NcaSubject.of(pki.region().certificate().getSubjectX500Principal());
        assertThat(region.commonName()).isEqualTo("QAQPA REGIONAL GATEWAY");
        assertThat(region.bin()).contains("990340000041");
        ASN1Encodable commonName = X500Name.getInstance(pki.individual().certificate().getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN)[0].getFirst().getValue();
        assertThat(commonName).isInstanceOf(DERUTF8String.class);
    }

    @Test
    void marksPoliciesExtendedKeyUsagesAndKeyUsagesOfTheNcaProfile() throws Exception {
        assertThat(policies(pki.individual().certificate())).containsExactly(NcaOids.POLICY_SIGN_INDIVIDUAL);
        assertThat(policies(pki.legalEntity().certificate())).containsExactly(NcaOids.POLICY_SIGN_LEGAL);
        assertThat(policies(pki.officer().certificate())).containsExactly(NcaOids.POLICY_SIGN_LEGAL);
        assertThat(pki.individual().certificate().getExtendedKeyUsage())
                .contains(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_INDIVIDUAL);
        assertThat(pki.legalEntity().certificate().getExtendedKeyUsage())
                .contains(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_LEGAL_ENTITY);
        assertThat(pki.officer().certificate().getExtendedKeyUsage()).contains(NcaOids.EKU_LEGAL_CEO);
        assertThat(pki.ocspResponder().certificate().getExtendedKeyUsage()).containsExactly(NcaOids.EKU_OCSP_SIGNING);
        assertThat(pki.ocspResponder().certificate().getNonCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.48.1.5");
        for (IssuedCertificate signer : List.of(pki.gateway(), pki.individual(), pki.legalEntity(), pki.officer())) {
            assertThat(Arrays.copyOf(signer.certificate().getKeyUsage(), 3)).containsExactly(true, true, false);
        }
    }

    @Test
    void issuesLeavesFromSpecs() {
        Instant from = NOW.minus(Duration.ofDays(10));
        Instant to = NOW.plus(Duration.ofDays(10));
        IssuedCertificate leaf = pki.issue(LeafSpec.signing("C=KZ, CN=X", NOW).validity(from, to).keyUsage(false, false, true));

        assertThat(leaf.certificate().getNotBefore().toInstant()).isEqualTo(from);
        assertThat(leaf.certificate().getNotAfter().toInstant()).isEqualTo(to);
        assertThat(Arrays.copyOf(leaf.certificate().getKeyUsage(), 3)).containsExactly(false, false, true);
        assertThat(pki.selfSigned(LeafSpec.signing("C=KZ, CN=X", NOW)).chain()).isEmpty();
    }

    @Test
    void issuesCrlsSignedByTheIntermediate() throws Exception {
        X509CRL crl = pki.crl(List.of(pki.officer().certificate()), NOW, NOW.plus(Duration.ofDays(1)));

        crl.verify(pki.intermediate().certificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(pki.intermediate().certificate().getSubjectX500Principal());
        assertThat(crl.isRevoked(pki.officer().certificate())).isTrue();
        assertThat(crl.isRevoked(pki.legalEntity().certificate())).isFalse();
    }

    @Test
    void roundTripsPkcs12WithThePassword() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pki.legalEntity().toPkcs12("legal", PASSWORD).store(bytes, PASSWORD);
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        loaded.load(new ByteArrayInputStream(bytes.toByteArray()), PASSWORD);

        IssuedCertificate read = IssuedCertificate.fromKeyStore(loaded, "legal", PASSWORD);

        assertThat(read.certificate()).isEqualTo(pki.legalEntity().certificate());
        assertThat(read.privateKey().getEncoded()).isEqualTo(pki.legalEntity().privateKey().getEncoded());
        assertThat(read.chain()).isEqualTo(pki.legalEntity().chain());
    }

    @Test
    void writesGostCasAndAGostIndividualThatReadBack() throws Exception {
        pki.writeTo(dir, PASSWORD);

        assertThat(TrustMaterial.readCertificates(dir.resolve("gost-root-cert.pem"))).containsExactly(pki.gostRoot().certificate());
        assertThat(TrustMaterial.readCertificates(dir.resolve("gost-inter-cert.pem")))
                .containsExactly(pki.gostIntermediate().certificate());
        assertThat(TrustMaterial.readCrl(dir.resolve("gost-crl.pem")).getIssuerX500Principal())
                .isEqualTo(pki.gostIntermediate().certificate().getSubjectX500Principal());
        IssuedCertificate read = IssuedCertificate.readPkcs12(dir.resolve("gost-individual.p12"), PASSWORD);
        assertThat(read.certificate()).isEqualTo(pki.gostIndividual().certificate());
        assertThat(read.privateKey().getEncoded()).isEqualTo(pki.gostIndividual().privateKey().getEncoded());
        assertThat(read.chain()).containsExactly(pki.gostIntermediate().certificate(), pki.gostRoot().certificate());
    }

    @Test
    void signsTheGostCasWithGost512AndStreebog() {
        // GOST R 34.10-2012/2015 512-bit with Streebog-512 (TC26 OID) on every GOST certificate
        assertThat(pki.gostRoot().certificate().getSigAlgOID()).isEqualTo("1.2.643.7.1.1.3.3");
        assertThat(pki.gostIntermediate().certificate().getSigAlgOID()).isEqualTo("1.2.643.7.1.1.3.3");
        assertThat(pki.gostIndividual().certificate().getSigAlgOID()).isEqualTo("1.2.643.7.1.1.3.3");
        assertThat(pki.gostRoot().certificate().getSubjectX500Principal().getName()).isEqualTo("CN=QAQPA DEV ROOT CA (GOST),C=KZ");
        assertThat(pki.gostIndividual().certificate().getSubjectX500Principal())
                .isEqualTo(pki.individual().certificate().getSubjectX500Principal());
    }

    @Test
    void refusesPkcs12WithWrongPassword() throws Exception {
        pki.writeTo(dir, PASSWORD);

        assertThatThrownBy(() -> IssuedCertificate.readPkcs12(dir.resolve("gateway.p12"), "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrong password");
    }

    @Test
    void writesCertificatesKeysKeyStoresAndCrl() throws Exception {
        Path out = dir.resolve("pki");
        List<Path> written = pki.writeTo(out, PASSWORD);

        List<String> names = Stream.of("inter", "ocsp", "gateway", "region", "echo", "individual", "legal", "officer")
                .flatMap(n -> Stream.of(n + "-cert.pem", n + "-key.pem", n + ".p12")).toList();
        List<String> gost = List.of("gost-root-cert.pem", "gost-inter-cert.pem", "gost-crl.pem",
                "gost-individual-cert.pem", "gost-individual-key.pem", "gost-individual.p12");
        assertThat(written).extracting(p -> p.getFileName().toString())
                .contains("root-cert.pem", "crl.pem").containsAll(names).containsAll(gost)
                .hasSize(2 + names.size() + gost.size());
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactlyInAnyOrderElementsOf(written);
        }
        assertThat(TrustMaterial.readCertificates(out.resolve("root-cert.pem"))).containsExactly(pki.root().certificate());
        assertThat(TrustMaterial.readCertificates(out.resolve("inter-cert.pem"))).containsExactly(pki.intermediate().certificate());
        assertThat(TrustMaterial.readCertificates(out.resolve("officer-cert.pem"))).containsExactly(pki.officer().certificate());
        assertThat(TrustMaterial.readCrl(out.resolve("crl.pem")).getRevokedCertificates()).isNull();
        assertThat(IssuedCertificate.readPkcs12(out.resolve("individual.p12"), PASSWORD).certificate())
                .isEqualTo(pki.individual().certificate());
        String keyPem = Files.readString(out.resolve("gateway-key.pem"));
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
        byte[] pkcs8 = Pem.decode(keyPem).get(0).getContent();
        assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)))
                .isEqualTo(pki.gateway().privateKey());
    }

    @Test
    void writesKeysReadableByTheOwnerOnly() throws Exception {
        pki.writeTo(dir, PASSWORD);

        for (String name : List.of("ocsp", "gateway", "region", "echo", "individual", "legal", "officer")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name + "-key.pem"))))
                    .as(name).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name + ".p12"))))
                    .as(name).isEqualTo("rw-------");
        }
    }

    @Test
    void refusesNonEmptyDirectoryUnlessToldToOverwrite() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "keep");

        assertThatThrownBy(() -> pki.writeTo(dir, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }

        pki.writeTo(dir, PASSWORD, true);
        pki.writeTo(dir, PASSWORD, true);
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("keep");
        assertThat(TrustMaterial.readCertificates(dir.resolve("root-cert.pem"))).containsExactly(pki.root().certificate());
    }

    @Test
    void neverPrintsThePrivateKey() {
        String exponent = ((java.security.interfaces.RSAPrivateKey) pki.gateway().privateKey()).getPrivateExponent().toString();

        assertThat(pki.gateway().toString()).contains("QAQPA GATEWAY").doesNotContain(exponent);
    }

    private static List<IssuedCertificate> leaves() {
        return List.of(pki.ocspResponder(), pki.gateway(), pki.individual(), pki.legalEntity(), pki.officer());
    }

    private static String name(X509Certificate certificate) {
        return DistinguishedNames.of(certificate.getSubjectX500Principal()).toString();
    }

    private static List<String> policies(X509Certificate certificate) throws Exception {
        byte[] value = certificate.getExtensionValue(Extension.certificatePolicies.getId());
        return Arrays.stream(CertificatePolicies.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getPolicyInformation())
                .map(PolicyInformation::getPolicyIdentifier).map(Object::toString).toList();
    }
}
