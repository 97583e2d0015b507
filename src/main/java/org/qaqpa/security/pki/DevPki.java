package org.qaqpa.security.pki;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The development PKI: NCA-like root and intermediate CAs, one pair RSA-2048 (SHA256withRSA) and
 * one pair GOST R 34.10-2015-512 (Streebog), as the NCA runs both, and the leaves the sandbox and
 * tests need. Keys live only in memory until {@link #writeTo} is called.
 */
public final class DevPki {

    /** Environment variable holding the password of development keystores. */
    public static final String PASSWORD_ENV = "QAQPA_PKI_PASSWORD";
    /** The password of development keystores when {@link #PASSWORD_ENV} is not set; never for production. */
    public static final String DEVELOPMENT_PASSWORD = "changeit";
    public static final String ROOT_DN = "C=KZ, CN=QAQPA DEV ROOT CA (RSA)";
    public static final String INTERMEDIATE_DN = "C=KZ, CN=QAQPA DEV NCA (RSA)";
    public static final String GOST_ROOT_DN = "C=KZ, CN=QAQPA DEV ROOT CA (GOST)";
    public static final String GOST_INTERMEDIATE_DN = "C=KZ, CN=QAQPA DEV NCA (GOST)";
    public static final String OCSP_DN = "C=KZ, O=QAQPA DEV NCA, CN=QAQPA DEV OCSP RESPONDER";
    public static final String GATEWAY_DN = "C=KZ, O=QAQPA DEV, OU=BIN990340000017, CN=QAQPA GATEWAY";
    /**
     * A regional gateway node (docs/regional.md): the BIN the national node's config/members.yaml binds the
     * member {@code dev-region} to. {@code qaqpa run --profile regional --pki DIR} signs with it.
     */
    public static final String REGION_DN = "C=KZ, O=QAQPA DEV REGION, OU=BIN990340000041, CN=QAQPA REGIONAL GATEWAY";
    /** The sandbox echo provider of {@code TEST_SERVICE_ID}: the BIN {@code config/services.yaml} binds its answers to. */
    public static final String ECHO_DN = "C=KZ, O=QAQPA SANDBOX, OU=BIN990340000025, CN=QAQPA SANDBOX ECHO";
    public static final String INDIVIDUAL_DN =
            "CN=ТЕСТОВ ТЕСТ, SURNAME=ТЕСТОВ, SERIALNUMBER=IIN123456789011, C=KZ, GIVENNAME=ТЕСТОВИЧ";
    public static final String LEGAL_ENTITY_DN = INDIVIDUAL_DN + ", O=АО \\\"ТЕСТ\\\", OU=BIN123456789021";
    public static final String OFFICER_DN = "CN=ДИРЕКТОРОВ ДИРЕКТОР, SURNAME=ДИРЕКТОРОВ, SERIALNUMBER=IIN123456789032, C=KZ, "
            + "GIVENNAME=ДИРЕКТОРОВИЧ, O=АО \\\"ТЕСТ\\\", OU=BIN123456789021";

    /** Where the sandbox certifying centre of {@code qaqpa run} publishes by default: OCSP and CRL of the intermediate. */
    public static final URI DEFAULT_CA_URL = URI.create("http://127.0.0.1:8081/ca");

    private final Clock clock;
    private final URI caUrl;
    private final CertificateAuthority rootCa;
    private final CertificateAuthority intermediateCa;
    private final IssuedCertificate ocspResponder;
    private final IssuedCertificate gateway;
    private final IssuedCertificate region;
    private final IssuedCertificate echo;
    private final IssuedCertificate individual;
    private final IssuedCertificate legalEntity;
    private final IssuedCertificate officer;
    private final CertificateAuthority gostRootCa;
    private final CertificateAuthority gostIntermediateCa;
    private final IssuedCertificate gostIndividual;
    private final AtomicLong crlNumber = new AtomicLong();

    private DevPki(Clock clock, URI caUrl) {
        this.clock = clock;
        this.caUrl = caUrl;
        Instant now = clock.instant();
        Instant yesterday = now.minus(Duration.ofDays(1));
        this.rootCa = new CertificateAuthority(
                CertificateAuthority.selfSignedCa(ROOT_DN, yesterday, now.plus(Duration.ofDays(3653))));
        this.intermediateCa = new CertificateAuthority(
                rootCa.issueCa(INTERMEDIATE_DN, yesterday, now.plus(Duration.ofDays(5 * 365))), Optional.of(caUrl));
        this.ocspResponder = issue(LeafSpec.signing(OCSP_DN, now).keyUsage(true, false, false)
                .policies(List.of()).extendedKeyUsages(List.of(NcaOids.EKU_OCSP_SIGNING)));
        this.gateway = issue(LeafSpec.signing(GATEWAY_DN, now)
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_LEGAL_ENTITY)));
        this.region = issue(LeafSpec.signing(REGION_DN, now)
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_LEGAL_ENTITY)));
        this.echo = issue(LeafSpec.signing(ECHO_DN, now)
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_LEGAL_ENTITY)));
        this.individual = issue(LeafSpec.signing(INDIVIDUAL_DN, now).policies(List.of(NcaOids.POLICY_SIGN_INDIVIDUAL))
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_INDIVIDUAL)));
        this.legalEntity = issue(LeafSpec.signing(LEGAL_ENTITY_DN, now)
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_LEGAL_ENTITY)));
        this.officer = issue(LeafSpec.signing(OFFICER_DN, now)
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_LEGAL_ENTITY, NcaOids.EKU_LEGAL_CEO)));
        this.gostRootCa = new CertificateAuthority(CertificateAuthority.selfSignedCa(GOST_ROOT_DN, yesterday,
                now.plus(Duration.ofDays(3653)), KeyAlgorithm.GOST_512));
        this.gostIntermediateCa = new CertificateAuthority(gostRootCa.issueCa(GOST_INTERMEDIATE_DN, yesterday,
                now.plus(Duration.ofDays(5 * 365)), KeyAlgorithm.GOST_512));
        this.gostIndividual = issueGost(LeafSpec.signing(INDIVIDUAL_DN, now).policies(List.of(NcaOids.POLICY_SIGN_INDIVIDUAL))
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_INDIVIDUAL)), KeyAlgorithm.GOST_512);
    }

    /**
     * Generates all keys and certificates, valid from a day before {@code clock}'s now, publishing
     * at {@link #DEFAULT_CA_URL}. Takes a second or two (RSA keys).
     */
    public static DevPki generate(Clock clock) {
        return generate(clock, DEFAULT_CA_URL);
    }

    /**
     * As {@link #generate(Clock)}; leaves of the intermediate name {@code caUrl + "/ocsp"} as their
     * OCSP responder and {@code caUrl + "/crl"} as their CRL distribution point.
     */
    public static DevPki generate(Clock clock, URI caUrl) {
        return new DevPki(clock, caUrl);
    }

    /** The base URL of the intermediate's OCSP responder and CRL, as written into the leaves. */
    public URI caUrl() {
        return caUrl;
    }

    /** {@code C=KZ, CN=QAQPA DEV ROOT CA (RSA)}: self-signed, valid 10 years. */
    public IssuedCertificate root() {
        return rootCa.certificate();
    }

    /** {@code C=KZ, CN=QAQPA DEV NCA (RSA)}: issued by the root, may issue leaves only. */
    public IssuedCertificate intermediate() {
        return intermediateCa.certificate();
    }

    /** The OCSP responder: digitalSignature, EKU id-kp-OCSPSigning, id-pkix-ocsp-nocheck. */
    public IssuedCertificate ocspResponder() {
        return ocspResponder;
    }

    /** The gateway's own signing certificate: legal-entity style with a BIN. */
    public IssuedCertificate gateway() {
        return gateway;
    }

    /** A regional gateway node's signing certificate: legal-entity style with the BIN of {@link #REGION_DN}. */
    public IssuedCertificate region() {
        return region;
    }

    /** The sandbox echo provider's signing certificate: legal-entity style with the BIN of {@link #ECHO_DN}. */
    public IssuedCertificate echo() {
        return echo;
    }

    /** An NCA individual: IIN, surname and given name in Cyrillic, policy sign/individual. */
    public IssuedCertificate individual() {
        return individual;
    }

    /** The individual as an employee of a legal entity: adds O and OU=BIN…, policy sign/legal. */
    public IssuedCertificate legalEntity() {
        return legalEntity;
    }

    /** The legal entity's first head (EKU CEO) with an IIN of its own and the entity's BIN. */
    public IssuedCertificate officer() {
        return officer;
    }

    /** {@code C=KZ, CN=QAQPA DEV ROOT CA (GOST)}: self-signed with a GOST-512 key, valid 10 years. */
    public IssuedCertificate gostRoot() {
        return gostRootCa.certificate();
    }

    /** {@code C=KZ, CN=QAQPA DEV NCA (GOST)}: GOST-512, issued by the GOST root, may issue leaves only. */
    public IssuedCertificate gostIntermediate() {
        return gostIntermediateCa.certificate();
    }

    /** The {@link #individual()} person's GOST-512 certificate, issued by the GOST intermediate. */
    public IssuedCertificate gostIndividual() {
        return gostIndividual;
    }

    /** A leaf with a fresh GOST key of {@code algorithm}, signed by the GOST intermediate. */
    public IssuedCertificate issueGost(LeafSpec spec, KeyAlgorithm algorithm) {
        if (algorithm == KeyAlgorithm.RSA_2048) {
            throw new IllegalArgumentException("the GOST intermediate issues GOST keys; use issue() for RSA");
        }
        return gostIntermediateCa.issueLeaf(spec, algorithm);
    }

    /** A CRL of the GOST intermediate; each revoked certificate is dated as revoked at {@code thisUpdate}. */
    public X509CRL gostCrl(Collection<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate) {
        return gostIntermediateCa.crl(revoked, thisUpdate, nextUpdate, BigInteger.valueOf(crlNumber.incrementAndGet()));
    }

    /** A leaf with a fresh key, signed by the intermediate. */
    public IssuedCertificate issue(LeafSpec spec) {
        return intermediateCa.issueLeaf(spec);
    }

    /** A self-signed leaf with a fresh key. */
    public IssuedCertificate selfSigned(LeafSpec spec) {
        return CertificateAuthority.selfSignedLeaf(spec);
    }

    /** A CRL of the intermediate; each revoked certificate is dated as revoked at {@code thisUpdate}. */
    public X509CRL crl(Collection<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate) {
        return intermediateCa.crl(revoked, thisUpdate, nextUpdate, BigInteger.valueOf(crlNumber.incrementAndGet()));
    }

    /** A CRL of the root (it can revoke the intermediate). */
    public X509CRL rootCrl(Collection<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate) {
        return rootCa.crl(revoked, thisUpdate, nextUpdate, BigInteger.valueOf(crlNumber.incrementAndGet()));
    }

    /** The intermediate's empty CRL, valid from now for 7 days. */
    public X509CRL emptyCrl() {
        Instant now = clock.instant();
        return crl(List.of(), now, now.plus(Duration.ofDays(7)));
    }

    /**
     * Writes the PKI into {@code dir} (created if missing), refusing a non-empty directory.
     *
     * @return the files written
     * @see #writeTo(Path, char[], boolean)
     */
    public List<Path> writeTo(Path dir, char[] password) {
        return writeTo(dir, password, false);
    }

    /**
     * Writes {@code root-cert.pem}, and for each of inter, ocsp, gateway, region, echo, individual, legal,
     * officer {@code NAME-cert.pem}, {@code NAME-key.pem} (unencrypted PKCS#8, mode 600) and
     * {@code NAME.p12} (key under alias NAME with its chain, mode 600), and {@code crl.pem} (the
     * intermediate's empty CRL); for the GOST side {@code gost-root-cert.pem},
     * {@code gost-inter-cert.pem}, {@code gost-individual-cert.pem}, {@code -key.pem}, {@code .p12}
     * and {@code gost-crl.pem}. The RSA intermediate's key is written so that the sandbox certifying
     * centre can answer OCSP and {@code qaqpa pki revoke} can re-issue the CRL ({@link DevCaFiles});
     * the other CA keys are not.
     *
     * @param overwrite whether a non-empty {@code dir} may be written into (files of the same name are replaced)
     * @return the files written
     * @throws IllegalArgumentException if {@code dir} is not empty and {@code overwrite} is false
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public List<Path> writeTo(Path dir, char[] password, boolean overwrite) {
        return writeTo(dir, password, overwrite, Duration.ofDays(7));
    }

    /** As {@link #writeTo(Path, char[], boolean)}, with an empty CRL valid from now for {@code crlValidity}. */
    public List<Path> writeTo(Path dir, char[] password, boolean overwrite, Duration crlValidity) {
        Instant now = clock.instant();
        return writeTo(dir, password, overwrite, crl(List.of(), now, now.plus(crlValidity)),
                gostCrl(List.of(), now, now.plus(crlValidity)));
    }

    /** The password of development keystores: {@value #PASSWORD_ENV} when set, else {@value #DEVELOPMENT_PASSWORD}. */
    public static char[] password() {
        return System.getenv().getOrDefault(PASSWORD_ENV, DEVELOPMENT_PASSWORD).toCharArray();
    }

    private List<Path> writeTo(Path dir, char[] password, boolean overwrite, X509CRL crl, X509CRL gostCrl) {
        DevPkiFiles files = new DevPkiFiles(dir, overwrite);
        files.certificate("root", root());
        files.keyAndCertificate("inter", intermediate(), password);
        files.keyAndCertificate("ocsp", ocspResponder, password);
        files.keyAndCertificate("gateway", gateway, password);
        files.keyAndCertificate("region", region, password);
        files.keyAndCertificate("echo", echo, password);
        files.keyAndCertificate("individual", individual, password);
        files.keyAndCertificate("legal", legalEntity, password);
        files.keyAndCertificate("officer", officer, password);
        files.crl("crl", crl);
        files.certificate("gost-root", gostRoot());
        files.certificate("gost-inter", gostIntermediate());
        files.keyAndCertificate("gost-individual", gostIndividual, password);
        files.crl("gost-crl", gostCrl);
        return files.written();
    }
}
