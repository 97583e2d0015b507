package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qaqpa.sandbox.eservice.Application;
import org.qaqpa.sandbox.eservice.Portal;
import org.qaqpa.sandbox.eservice.SignatureCheck;
import org.qaqpa.security.pki.DevCaFiles;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;
import org.qaqpa.security.pki.NcaOids;

/**
 * FILM_CERT through the portal, end to end: the shipped configuration (config/members.yaml, config/services.yaml,
 * config/services/film-cert.yaml, routes/services/film-cert.yaml), the sandbox portal and the Committee for
 * Culture's information system talking through the SHIPPED.gateway(). Approval with the officer-signed certificate in the
 * applicant's history, and each refusal branch of process A: the EDS (wrong IIN, expired, revoked), incomplete
 * documents, the officer's refusal with grounds; process B at the provider's office with its registry check (B3/B4).
 */
class FilmCertificateTest {

    private static final String APPLICANT_IIN = "123456789011";

    @RegisterExtension
    static final ShippedEServices SHIPPED = new ShippedEServices();

    @Test
    void issuesTheCertificateSignedByTheAuthorisedOfficerIntoTheApplicantsHistory() throws Exception {
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().individual(), form(APPLICANT_IIN, Map.of()));

        EServiceAssertions.assertResultIssued(entry);
        assertThat(SHIPPED.portal().history(APPLICANT_IIN)).contains(entry);

        Application atProvider = EServiceAssertions.atProvider(SHIPPED.eservices(), entry);
        assertThat(atProvider.timeline()).extracting(Application.StepTiming::stepId)
                .containsExactly("FILM-A5", "FILM-A6", "FILM-A7", "FILM-A9", "FILM-R");
        assertThat(atProvider.timeline().get(0).limitMillis()).isEqualTo(60_000);
        assertThat(SHIPPED.gateway().get("/sandbox/metrics").body())
                .containsPattern("qaqpa_service_step_seconds_count\\{service=\"FILM_CERT\",step=\"FILM-A5\"\\} [1-9]")
                .contains("qaqpa_service_sla_breaches_total{service=\"FILM_CERT\",step=\"FILM-A5\"} 0");
    }

    @Test
    void refusesIncompleteDocuments() {
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().individual(),
                new Application.Form("FILM_CERT", "PORTAL", Optional.of(APPLICANT_IIN), Optional.empty(),
                        Map.of("filmTitle", "Көшпенділер"), List.of("annotation")));

        assertThat(EServiceAssertions.awaitRefusal(entry)).startsWith("DOCUMENTS_INCOMPLETE: ").contains("works, rights");
    }

    @Test
    void givesTheOfficersGroundsForARefusal() {
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().individual(), form(APPLICANT_IIN,
                Map.of("sandbox.officerDecision", "refuse", "sandbox.officerReason", "the age index is missing")));

        assertThat(EServiceAssertions.awaitRefusal(entry)).startsWith("PROVIDER_REFUSED: ").endsWith("the age index is missing");
    }

    @Test
    void endsAtThePortalWhenTheCertificateIsNotTheApplicants() {
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().individual(), form("850312301000", Map.of()));

        assertThat(entry.state().state()).isEqualTo("SIGNATURE_REJECTED");
        assertThat(entry.state().text()).contains("850312301000");
        assertThat(entry.messageId()).as("nothing sent").isEmpty();
    }

    @Test
    void endsAtThePortalForAnExpiredCertificate() {
        Instant now = Instant.now();
        IssuedCertificate expired = SHIPPED.pki().issue(applicantCertificate("881010405076", now)
                .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35))));

        Portal.Entry entry = SHIPPED.portal().apply(expired, form("881010405076", Map.of()));

        assertThat(entry.state().state()).isEqualTo("SIGNATURE_REJECTED");
        assertThat(entry.state().text()).contains("CERT_EXPIRED");
    }

    @Test
    void endsAtThePortalForARevokedCertificate() {
        IssuedCertificate revoked = SHIPPED.pki().issue(applicantCertificate("881010405076", Instant.now()));
        DevCaFiles.open(SHIPPED.dataDir().resolve("pki"), DevPki.DEVELOPMENT_PASSWORD.toCharArray(), Clock.systemUTC())
                .revoke(revoked.certificate().getSerialNumber(), Duration.ofDays(1));

        Portal.Entry entry = SHIPPED.portal().apply(revoked, form("881010405076", Map.of()));

        assertThat(entry.state().state()).isEqualTo("SIGNATURE_REJECTED");
        assertThat(entry.state().text()).contains("CERT_REVOKED");
    }

    @Test
    void issuesTheCertificateAtTheProvidersOfficeAfterTheRegistryCheck() {
        Application application = SHIPPED.eservices().office(new Application.Form("FILM_CERT", "OFFICE", Optional.empty(),
                Optional.of("050340001235"), Map.of("filmTitle", "Томирис"), List.of("annotation", "works", "rights")));

        assertThat(application.state()).isEqualTo("COMPLETED");
        assertThat(application.resultNumber()).hasValueSatisfying(number -> assertThat(number).matches("FILM_CERT-\\d{10}"));
        assertThat(new SignatureCheck(SHIPPED.dataDir().resolve("pki"), Clock.systemUTC()).signerOf(application.result().orElseThrow()))
                .as("signed by the authorised officer").hasValueSatisfying(signer -> assertThat(signer).contains("IIN 123456789032"));
        assertThat(application.timeline()).extracting(Application.StepTiming::stepId)
                .containsExactly("FILM-B3", "FILM-B6", "FILM-B7", "FILM-B9");
        assertThat(application.timeline().get(0).limitMillis()).isEqualTo(90_000);
    }

    @Test
    void refusesAtTheOfficeForViolationsInTheApplicantsDocuments() {
        Application application = SHIPPED.eservices().office(new Application.Form("FILM_CERT", "OFFICE", Optional.empty(),
                Optional.of("050340001235"), Map.of("filmTitle", "Томирис"), List.of("annotation", "rights")));

        assertThat(application.state()).isEqualTo("REJECTED");
        assertThat(application.refusal().orElseThrow().code()).isEqualTo("DOCUMENTS_INCOMPLETE");
        assertThat(application.number()).as("registered (B6) before the check (B7)").startsWith("FILM_CERT-");
        assertThat(application.result()).isEmpty();
    }

    @Test
    void endsAtTheOfficeWhenTheRegistryHasNoSuchPerson() {
        Application application = SHIPPED.eservices().office(new Application.Form("FILM_CERT", "OFFICE",
                Optional.of("850312301010"),
                Optional.empty(), Map.of("filmTitle", "Томирис"), List.of("annotation", "works", "rights")));

        assertThat(application.state()).isEqualTo("REJECTED");
        assertThat(application.refusal().orElseThrow().code()).isEqualTo("DATA_NOT_FOUND");
        assertThat(application.refusal().orElseThrow().text()).contains("850312301010");
        assertThat(application.timeline()).extracting(Application.StepTiming::stepId).containsExactly("FILM-B3");
        assertThat(application.number()).as("never registered").isNull();
    }

    private static LeafSpec applicantCertificate(String iin, Instant now) {
        return LeafSpec.signing("CN=САДЫКОВА АЛИЯ, SURNAME=САДЫКОВА, SERIALNUMBER=IIN" + iin + ", C=KZ", now)
                .policies(List.of(NcaOids.POLICY_SIGN_INDIVIDUAL))
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_INDIVIDUAL));
    }

    /** A complete FILM_CERT application of the applicant {@code iin} through the portal, with {@code extra} fields. */
    static Application.Form form(String iin, Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("filmTitle", "Көшпенділер");
        fields.put("filmType", "feature");
        fields.put("ageIndex", "E14");
        fields.put("rightsHolder", "ТОО \"ДАЛА ФИЛЬМ\"");
        fields.putAll(extra);
        return new Application.Form("FILM_CERT", "PORTAL", Optional.of(iin), Optional.empty(), fields,
                List.of("annotation", "works", "rights"));
    }
}
