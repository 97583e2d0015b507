package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.e2e.EServiceAssertions.assertResultIssued;
import static org.qaqpa.e2e.EServiceAssertions.awaitRefusal;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qaqpa.sandbox.eservice.Application;
import org.qaqpa.sandbox.eservice.DemoScenarios;
import org.qaqpa.sandbox.eservice.Portal;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;
import org.qaqpa.security.pki.NcaOids;
import org.w3c.dom.Document;

/**
 * CULT_EXPORT_CERT, the certificate of the right to temporarily export cultural values, end to end in both variants
 * and both channels: the shipped configuration (config/members.yaml, config/services.yaml,
 * config/services/cult-export-*.yaml, routes/services/cult-export-*.yaml), the sandbox portal (for ALMATY_CITY it
 * plays E-licensing's front end) and the sandbox E-licensing system talking through the gateway, the registries and
 * the tax system queried through it. Approvals carry the certificate signed by the authorised officer; each refusal
 * branch ends in its state with its reason code.
 */
class CulturalValuesExportTest {

    private static final String AKMOLA = "CULT_EXPORT_CERT_AKMOLA";
    private static final String ALMATY = "CULT_EXPORT_CERT_ALMATY_CITY";
    private static final String APPLICANT_IIN = "123456789011";
    private static final String LEGAL_BIN = "123456789021";
    private static final String MUSEUM_BIN = "980640000455";
    private static final String ARREARS_BIN = "070940017772";
    private static final String UNKNOWN_BIN = "050340001255";
    private static final long TEN_WORKING_DAYS = Duration.ofDays(14).toMillis();
    private static final Map<String, String> OFFICER_REFUSES = Map.of("sandbox.officerDecision", "refuse",
            "sandbox.officerReason", "the object may not leave the country");

    @RegisterExtension
    static final ShippedEServices SHIPPED = new ShippedEServices();

    // AKMOLA, process A: the portal

    @Test
    void akmolaIssuesTheCertificateSignedByTheAuthorisedOfficerIntoThePortalHistory() throws Exception {
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().individual(), person(AKMOLA, Map.of()));

        assertResultIssued(entry);
        assertThat(SHIPPED.portal().history(APPLICANT_IIN)).contains(entry);

        Application atProvider = EServiceAssertions.atProvider(SHIPPED.eservices(), entry);
        assertThat(atProvider.timeline()).extracting(Application.StepTiming::stepId)
                .containsExactly("CULT-A6", "CULT-A7", "CULT-A8", "CULT-A9", "CULT-AR");
        assertThat(atProvider.timeline()).extracting(Application.StepTiming::limitMillis)
                .containsExactly(90_000L, 90_000L, 0L, TEN_WORKING_DAYS, 60_000L);
    }

    @Test
    void akmolaRefusesForViolationsInTheApplicantsData() throws Exception {
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().individual(), person(AKMOLA, OFFICER_REFUSES));

        assertThat(awaitRefusal(entry)).startsWith("PROVIDER_REFUSED: ").endsWith("the object may not leave the country");
    }

    @Test
    void akmolaRefusesWithoutTheDocumentsOfTheStandard() throws Exception {
        Application.Form form = person(AKMOLA, Map.of());
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().individual(), new Application.Form(form.service(),
                form.channel(), form.iin(), form.bin(), form.fields(), List.of()));

        assertThat(awaitRefusal(entry)).startsWith("DOCUMENTS_INCOMPLETE: ").endsWith("documents");
    }

    @Test
    void akmolaEndsAtThePortalWhenTheCertificateIsNotTheApplicants() throws Exception {
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().individual(),
                DemoScenarios.cultural(AKMOLA, "PORTAL", Optional.of("850312301000"), Optional.empty(), Map.of()));

        assertThat(entry.state().state()).isEqualTo("SIGNATURE_REJECTED");
        assertThat(entry.messageId()).as("nothing sent").isEmpty();
    }

    // AKMOLA, process B: the provider's office

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CULT_EXPORT_CERT_AKMOLA, 90000", "CULT_EXPORT_CERT_ALMATY_CITY, 0"})
    void officeIssuesTheMuseumsCertificate(String service, long registryLimitMillis) {
        Application application = SHIPPED.eservices().office(entity(service, "OFFICE", MUSEUM_BIN, Map.of()));

        assertThat(application.state()).isEqualTo("COMPLETED");
        assertOfficerSigned(application);
        assertThat(application.timeline()).extracting(Application.StepTiming::stepId)
                .containsExactly("CULT-B4", "CULT-B7", "CULT-B8", "CULT-B9");
        assertThat(application.timeline()).extracting(Application.StepTiming::limitMillis).as("004 gives no step times")
                .containsExactly(registryLimitMillis, registryLimitMillis, 0L, TEN_WORKING_DAYS);
    }

    @Test
    void akmolaOfficeCannotObtainTheDataOfAnUnknownEntity() throws Exception {
        assertThat(refusedAtTheRegistries(AKMOLA, UNKNOWN_BIN, "DATA_NOT_FOUND").text())
                .contains("the data cannot be obtained", UNKNOWN_BIN);
    }

    // ALMATY_CITY, process A: E-licensing's front end (the sandbox portal)

    @Test
    void almatyIssuesTheCertificateSignedByTheAuthorisedOfficer() throws Exception {
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().legalEntity(), entity(ALMATY, "PORTAL", LEGAL_BIN, Map.of()));

        assertResultIssued(entry);
        assertThat(SHIPPED.portal().history(LEGAL_BIN)).contains(entry);

        Application atProvider = EServiceAssertions.atProvider(SHIPPED.eservices(), entry);
        assertThat(atProvider.timeline()).extracting(Application.StepTiming::stepId)
                .containsExactly("CULT-C7", "CULT-C3", "CULT-C8", "CULT-C9", "CULT-C10", "CULT-CR");
        assertThat(atProvider.timeline().get(4).limitMillis()).isEqualTo(TEN_WORKING_DAYS);
    }

    @Test
    void almatyRefusesAnEntityWithTaxArrears() throws Exception {
        IssuedCertificate gallery = SHIPPED.pki().issue(LeafSpec.signing("CN=ГАЛЕРЕЕВА ДИНА, SURNAME=ГАЛЕРЕЕВА, "
                        + "SERIALNUMBER=IIN810214406553, C=KZ, O=ТОО \\\"АРТ-ГАЛЕРЕЯ ТЕНГРИ\\\", OU=BIN" + ARREARS_BIN, Instant.now())
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_LEGAL_ENTITY)));

        Portal.Entry entry = SHIPPED.portal().apply(gallery, entity(ALMATY, "PORTAL", ARREARS_BIN, Map.of()));

        assertThat(awaitRefusal(entry)).startsWith("DATA_NOT_CONFIRMED: ").contains("tax system", "arrears");
        assertThat(entry.states()).extracting(Portal.State::state).containsExactly("FORMED", "SENT", "REJECTED");
        assertThat(entry.number()).as("refused before registration (C4)").isEmpty();
        Application atProvider = EServiceAssertions.atProvider(SHIPPED.eservices(), entry);
        assertThat(atProvider.timeline()).extracting(Application.StepTiming::stepId)
                .containsExactly("CULT-C7", "CULT-C3", "CULT-CR");
    }

    @Test
    void almatyGivesAReasonedRefusal() throws Exception {
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().legalEntity(),
                entity(ALMATY, "PORTAL", LEGAL_BIN, OFFICER_REFUSES));

        assertThat(awaitRefusal(entry)).startsWith("PROVIDER_REFUSED: ").contains("Standard p. 16")
                .endsWith("the object may not leave the country");
    }

    @Test
    void almatyEndsAtTheFrontEndWhenTheCertificateIsOfAnotherEntity() throws Exception {
        Portal.Entry entry = SHIPPED.portal().apply(SHIPPED.pki().legalEntity(), entity(ALMATY, "PORTAL", MUSEUM_BIN, Map.of()));

        assertThat(entry.state().state()).isEqualTo("SIGNATURE_REJECTED");
        assertThat(entry.state().text()).contains(MUSEUM_BIN);
        assertThat(entry.messageId()).as("nothing sent").isEmpty();
    }

    // ALMATY_CITY, process B: the provider's office

    @Test
    void almatyOfficeDoesNotConfirmAnEntityWithTaxArrears() throws Exception {
        assertThat(refusedAtTheRegistries(ALMATY, ARREARS_BIN, "DATA_NOT_CONFIRMED").text()).contains(ARREARS_BIN, "arrears");
    }

    @Test
    void almatyOfficeDoesNotConfirmALiquidatedEntity() throws Exception {
        assertThat(refusedAtTheRegistries(ALMATY, "130240009016", "DATA_NOT_CONFIRMED").text()).contains("liquidated");
    }

    /** An application entered at the office for {@code bin}, refused by the registry check (B4, B5): nothing else ran. */
    private static Application.Refusal refusedAtTheRegistries(String service, String bin, String code) {
        Application application = SHIPPED.eservices().office(entity(service, "OFFICE", bin, Map.of()));

        assertThat(application.state()).isEqualTo("REJECTED");
        assertThat(application.refusal()).map(Application.Refusal::code).contains(code);
        assertThat(application.number()).as("ends before registration (B5)").isNull();
        assertThat(application.timeline()).extracting(Application.StepTiming::stepId).containsExactly("CULT-B4");
        return application.refusal().orElseThrow();
    }

    /** The result carries an enveloped signature made with the development PKI's officer certificate. */
    private static void assertOfficerSigned(Application application) {
        assertThat(application.resultNumber()).hasValueSatisfying(number -> assertThat(number).matches(application.service()
                + "-\\d{10}"));
        Document result = application.result().orElseThrow();
        var certificates = result.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate");
        assertThat(certificates.getLength()).isPositive();
        assertThat(certificates.item(0).getTextContent().replaceAll("\\s", "")).isEqualTo(Base64.getEncoder()
                .encodeToString(encoded(SHIPPED.pki().officer())));
    }

    private static byte[] encoded(IssuedCertificate certificate) {
        try {
            return certificate.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Application.Form person(String service, Map<String, String> extra) {
        return DemoScenarios.cultural(service, "PORTAL", Optional.of(APPLICANT_IIN), Optional.empty(), extra);
    }

    private static Application.Form entity(String service, String channel, String bin, Map<String, String> extra) {
        return DemoScenarios.cultural(service, channel, Optional.empty(), Optional.of(bin), extra);
    }
}
