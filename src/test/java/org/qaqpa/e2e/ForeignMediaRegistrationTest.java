package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.registry.NodeAddresses;
import org.qaqpa.sandbox.eservice.Application;
import org.qaqpa.sandbox.eservice.DemoScenarios;
import org.qaqpa.sandbox.eservice.EServiceSandbox;
import org.qaqpa.sandbox.eservice.EServiceXml;
import org.qaqpa.sandbox.eservice.Portal;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;
import org.qaqpa.security.pki.NcaOids;

/**
 * FOREIGN_MEDIA_REG through the regional gateway, end to end: a national node and the development regional node in
 * this JVM with the shipped configuration (config/members.yaml, config/services.yaml, config/regional.yaml,
 * config/regional/*.yaml, their node addresses replaced by the free ports the nodes run on), the portal and the PSC on
 * the national node's sandbox, the ІСБ information system {@code isb} on the regional node's. Applications go front
 * end → national node → regional node → isb; isb checks the applicant in the national registries through the regional
 * node; the statuses and the officer-signed reference come back through both nodes.
 */
class ForeignMediaRegistrationTest {

    private static final String MEDIA_BIN = "110440023114";
    private static final String OPERATOR_IIN = "870415300125";

    @TempDir
    static Path dir;

    private static TestGateway national;
    private static TestGateway region;
    private static EServiceSandbox frontEnds;
    private static EServiceSandbox isb;
    private static IssuedCertificate mediaCompany;
    private static IssuedCertificate operator;

    @BeforeAll
    static void start() throws Exception {
        Path project = TestGateway.projectDir();
        Path nationalMembers = dir.resolve("members.yaml");
        Path nationalServices = dir.resolve("services.yaml");
        Files.copy(project.resolve("config/members.yaml"), nationalMembers);
        Files.copy(project.resolve("config/services.yaml"), nationalServices);
        national = TestGateway.start(GatewayConfig.defaults()
                .withRegistry(new GatewayConfig.Registry(nationalMembers.toString(), nationalServices.toString(), Duration.ZERO))
                .withAsync(AsyncMessages.quickRetries(5, 2)), dir.resolve("national"));

        Path regionMembers = NodeAddresses.copy(project.resolve("config/regional/members.yaml"),
                dir.resolve("regional-members.yaml"), NodeAddresses.NATIONAL, national.uri("/"));
        GatewayConfig regional = ConfigLoader.load(project.resolve("config/regional.yaml"));
        regional = regional
                .withRegistry(new GatewayConfig.Registry(regionMembers.toString(),
                        project.resolve("config/regional/services.yaml").toString(), Duration.ZERO))
                .withAsync(AsyncMessages.quickRetries(5, 2))
                .withFederation(regional.federation().withUpstreamUrl(national.uri("/bip-sync/").toString()));
        region = TestGateway.startRegional(regional, dir.resolve("region"), national);

        NodeAddresses.copy(project.resolve("config/members.yaml"), nationalMembers, NodeAddresses.REGIONAL, region.uri("/"));
        NodeAddresses.copy(project.resolve("config/services.yaml"), nationalServices, NodeAddresses.REGIONAL, region.uri("/"));
        national.gateway().registries().checkNow();

        frontEnds = national.startShippedEServices();
        isb = region.startShippedEServices();
        Instant now = Instant.now();
        mediaCompany = national.pki().issue(LeafSpec.signing("CN=ЖЕТЫСУ МЕДИА, SERIALNUMBER=IIN850101300123, O=ТОО \"ЖЕТЫСУ МЕДИА\","
                        + " OU=BIN" + MEDIA_BIN + ", C=KZ", now)
                .policies(List.of(NcaOids.POLICY_SIGN_LEGAL))
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_LEGAL_CEO)));
        operator = national.pki().issue(LeafSpec.signing("CN=ОПЕРАТОРОВА АЙГУЛЬ, SERIALNUMBER=IIN" + OPERATOR_IIN
                        + ", O=НАО \"ГОСКОРПОРАЦИЯ ПРАВИТЕЛЬСТВО ДЛЯ ГРАЖДАН\", OU=BIN160440007161, C=KZ", now)
                .policies(List.of(NcaOids.POLICY_SIGN_LEGAL))
                .extendedKeyUsages(List.of(NcaOids.EKU_EMAIL_PROTECTION, NcaOids.EKU_LEGAL_ENTITY)));
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(region, national);
    }

    @Test
    void registersThroughThePortalWithTheReferenceSignedByTheIsbOfficer() throws Exception {
        Portal.Entry entry = frontEnds.portal().apply(mediaCompany, DemoScenarios.media("PORTAL", MEDIA_BIN, Map.of()));

        EServiceAssertions.assertResultIssued(entry, "RECEIVED", "IN_PROGRESS");
        assertThat(frontEnds.portal().history(MEDIA_BIN)).contains(entry);

        String messageId = entry.messageId().orElseThrow();
        Application atIsb = isb.application(messageId).orElseThrow();
        assertThat(atIsb.timeline()).extracting(Application.StepTiming::stepId)
                .containsExactly("MEDIA-P2", "MEDIA-P3", "MEDIA-P3C", "MEDIA-P5", "MEDIA-P6", "MEDIA-P11", "MEDIA-P12");
        assertThat(atIsb.timeline()).noneMatch(Application.StepTiming::breached);
        assertThat(atIsb.timeline().get(4).limitMillis()).as("15 calendar days").isEqualTo(Duration.ofDays(15).toMillis());
        assertThat(EServiceXml.standalone(atIsb.result().orElseThrow().getDocumentElement()).getDocumentElement()
                .getAttribute("validUntil")).isEqualTo(LocalDate.now(ZoneOffset.UTC).withMonth(12).withDayOfMonth(31).toString());

        String sessionId = entry.sessionId().orElseThrow();
        List<LoggedRow> atNational = national.gateway().messageLogReader().exchange(sessionId);
        List<LoggedRow> atRegion = region.gateway().messageLogReader().exchange(sessionId);
        assertThat(atNational).extracting(LoggedRow::senderId).contains("portal");
        assertThat(atRegion).as("the regional node logs the application under the national sessionId").isNotEmpty();
        assertThat(atRegion.get(0).senderId()).isEqualTo("qaqpa-national");
        assertThat(atRegion.get(0).originalSenderId()).isEqualTo("portal");
    }

    @Test
    void registersThroughThePscWithTheOperatorsSignature() {
        Portal.Entry entry = frontEnds.psc().apply(operator, DemoScenarios.media("PSC", MEDIA_BIN, Map.of(Portal.OPERATOR_IIN, OPERATOR_IIN)));

        EServiceAssertions.assertResultIssued(entry, "RECEIVED", "IN_PROGRESS");
        assertThat(frontEnds.psc().history(MEDIA_BIN)).containsExactly(entry);
        assertThat(isb.application(entry.messageId().orElseThrow()).orElseThrow().timeline())
                .extracting(Application.StepTiming::stepId)
                .containsExactly("MEDIA-C3", "MEDIA-C4", "MEDIA-C4C", "MEDIA-C5", "MEDIA-C6", "MEDIA-C11", "MEDIA-C12");
    }

    @Test
    void endsAtThePscWhenTheCertificateIsNotTheOperatorsNamed() {
        Portal.Entry entry = frontEnds.psc().apply(operator, DemoScenarios.media("PSC", MEDIA_BIN, Map.of(Portal.OPERATOR_IIN, "850312301010")));

        assertThat(entry.state().state()).isEqualTo("SIGNATURE_REJECTED");
        assertThat(entry.state().text()).contains(OPERATOR_IIN).contains("850312301010");
        assertThat(entry.messageId()).as("nothing sent").isEmpty();
    }

    @Test
    void refusesALiquidatedEntityWithRegistryDataNotConfirmed() {
        Portal.Entry entry = frontEnds.psc().apply(operator, DemoScenarios.media("PSC", "130240009016", Map.of(Portal.OPERATOR_IIN, OPERATOR_IIN)));

        EServiceAssertions.awaitStates(entry, "RECEIVED", "REJECTED");
        assertThat(entry.state().text()).startsWith("DATA_NOT_CONFIRMED: registry/tax data not confirmed").contains("liquidated");
    }

    @Test
    void refusesTaxArrearsWithRegistryDataNotConfirmed() {
        Portal.Entry entry = frontEnds.psc().apply(operator, DemoScenarios.media("PSC", "150840034101", Map.of(Portal.OPERATOR_IIN, OPERATOR_IIN)));

        assertThat(EServiceAssertions.awaitRefusal(entry)).startsWith("DATA_NOT_CONFIRMED: ").contains("arrears");
    }

    @Test
    void refusesAnEntityNotOnRecordWithDataNotFound() {
        Portal.Entry entry = frontEnds.psc().apply(operator, DemoScenarios.media("PSC", "050340001255", Map.of(Portal.OPERATOR_IIN, OPERATOR_IIN)));

        assertThat(EServiceAssertions.awaitRefusal(entry)).startsWith("DATA_NOT_FOUND: ").contains("050340001255");
    }

    @Test
    void givesTheIsbOfficersReasonsForARefusal() {
        Portal.Entry entry = frontEnds.portal().apply(mediaCompany, DemoScenarios.media("PORTAL", MEDIA_BIN,
                Map.of("sandbox.officerDecision", "refuse", "sandbox.officerReason", "no distribution agreement")));

        EServiceAssertions.awaitStates(entry, "RECEIVED", "IN_PROGRESS", "REJECTED");
        assertThat(entry.state().text()).startsWith("PROVIDER_REFUSED: ").endsWith("no distribution agreement");
    }

    @Test
    void registersAtTheIsbOfficeCheckingTheRegistriesThroughBothNodes() {
        Application approved = isb.office(DemoScenarios.media("OFFICE", MEDIA_BIN, Map.of()));
        Application liquidated = isb.office(DemoScenarios.media("OFFICE", "130240009016", Map.of()));

        assertThat(approved.state()).isEqualTo("COMPLETED");
        assertThat(approved.timeline()).extracting(Application.StepTiming::stepId)
                .containsExactly("MEDIA-O2", "MEDIA-O2N", "MEDIA-O5", "MEDIA-O9");
        assertThat(liquidated.refusal()).hasValueSatisfying(refusal -> assertThat(refusal.code()).isEqualTo("DATA_NOT_CONFIRMED"));
    }
}
