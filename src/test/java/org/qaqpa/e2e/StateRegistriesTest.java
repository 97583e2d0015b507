package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.cli.CliRun.Result;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.sandbox.registry.Entity;
import org.qaqpa.sandbox.registry.GbdflRegistry;
import org.qaqpa.sandbox.registry.GbdulRegistry;
import org.qaqpa.sandbox.registry.PayloadSchema;
import org.qaqpa.sandbox.registry.Person;
import org.qaqpa.sandbox.registry.RegStatus;
import org.qaqpa.sandbox.registry.RegistryRefusal;
import org.qaqpa.sandbox.registry.RegistrySeed;
import org.qaqpa.sandbox.registry.TaxDebt;
import org.qaqpa.sandbox.registry.TaxRegistry;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The sandbox state registries as the shipped config/services.yaml registers them, called through the
 * gateway's sync channel by dev-client: each answer's payload is valid against the registry's schema and
 * carries the registry's enveloped signature (the sandbox certificate); records come from the shipped seed.
 * A request a registry cannot answer is its fault, relayed as {@code PROVIDER_FAULT} with its code as subError.
 */
@ExtendWith(SharedGateway.class)
class StateRegistriesTest {

    private static final RegistrySeed SEED = RegistrySeed.load();
    private static final PayloadSchema GBDFL = PayloadSchema.of(GbdflRegistry.SCHEMA, GbdflRegistry.NAMESPACE);
    private static final PayloadSchema GBDUL = PayloadSchema.of(GbdulRegistry.SCHEMA, GbdulRegistry.NAMESPACE);
    private static final PayloadSchema TAX = PayloadSchema.of(TaxRegistry.SCHEMA, TaxRegistry.NAMESPACE);

    @Test
    void findsAPersonByIin() throws Exception {
        Person person = SEED.person("850312301000").orElseThrow();

        Element answer = payload(GBDFL, call(GbdflRegistry.SERVICE_ID, personRequest("gbdfl-1", person.iin())));

        assertThat(text(answer, "requestId")).isEqualTo("gbdfl-1");
        assertThat(text(answer, "messageResult", "code")).isEqualTo(GbdflRegistry.PROCESSED_CODE);
        assertThat(text(answer, "messageResult", "nameRu")).isEqualTo("Сообщение успешно обработано");
        assertThat(text(answer, "receiver", "code")).isEqualTo("QAQPA_DEV");
        Element found = child(child(answer, "persons"), "person");
        assertThat(text(found, "iin")).isEqualTo(person.iin());
        assertThat(text(found, "surname")).isEqualTo(person.surname());
        assertThat(text(found, "birthDate")).isEqualTo(person.birthDate().toString());
        assertThat(text(found, "lifeStatus", "code")).isEqualTo(Person.ALIVE.code());
        assertThat(child(found, "deathDate")).isNull();
        assertThat(text(found, "regAddress", "city")).isEqualTo(person.regAddress().city());
    }

    @Test
    void findsTheDevelopmentPkiIndividual() throws Exception {
        Element answer = payload(GBDFL, call(GbdflRegistry.SERVICE_ID, personRequest("gbdfl-2", "123456789011")));

        assertThat(text(answer, "persons", "person", "surname")).isEqualTo("ТЕСТОВ");
    }

    @Test
    void answersNotFoundForAnIinNotOnRecord() throws Exception {
        String unknown = "850312301010"; // valid control digit, not in the seed
        assertThat(SEED.person(unknown)).isEmpty();

        Element answer = payload(GBDFL, call(GbdflRegistry.SERVICE_ID, personRequest("gbdfl-3", unknown)));

        assertThat(text(answer, "messageResult", "code")).isEqualTo(GbdflRegistry.NOT_FOUND_CODE);
        assertThat(child(answer, "persons")).isNull();
    }

    @Test
    void answersADeceasedPersonWithDeathDateAndLifeStatus() throws Exception {
        Person deceased = SEED.persons().stream().filter(p -> p.deathDate().isPresent()).findFirst().orElseThrow();

        Element found = child(child(payload(GBDFL, call(GbdflRegistry.SERVICE_ID, personRequest("gbdfl-4", deceased.iin()))),
                "persons"), "person");

        assertThat(text(found, "deathDate")).isEqualTo(deceased.deathDate().orElseThrow().toString());
        assertThat(text(found, "lifeStatus", "code")).isEqualTo(Person.DECEASED.code());
        assertThat(text(found, "lifeStatus", "nameRu")).isEqualTo("Умер");
    }

    @Test
    void answersAPersonAskedForInAnEscapedStringPayload() throws Exception {
        String escaped = personRequest("gbdfl-5", "850312301000").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String request = Envelopes.sendMessage(GbdflRegistry.SERVICE_ID, escaped).replace("<data>",
                "<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\">");

        Element answer = payload(GBDFL, gateway().postSigned("/bip-sync/", request));

        assertThat(text(answer, "messageResult", "code")).isEqualTo(GbdflRegistry.PROCESSED_CODE);
    }

    @Test
    void findsAnEntityByBin() throws Exception {
        Entity entity = SEED.entity("123456789021").orElseThrow();

        Element answer = payload(GBDUL, call(GbdulRegistry.SERVICE_ID, entityRequest(entity.bin())));

        assertThat(text(answer, "Status", "Code")).isEqualTo(GbdulRegistry.FOUND_CODE);
        Element organization = child(answer, "Organization");
        assertThat(text(organization, "FullNameRu")).isEqualTo("АО \"ТЕСТ\"");
        assertThat(text(organization, "RegStatus", "Code")).isEqualTo(RegStatus.REGISTERED.term().code());
        assertThat(text(organization, "OrganizationLeader", "IIN")).isEqualTo("123456789032");
        assertThat(text(organization, "OrganizationLeader", "Surname")).isEqualTo("ДИРЕКТОРОВ");
        assertThat(child(organization, "LiquidationDate")).isNull();
    }

    @Test
    void answersALiquidatedEntityWithItsStatusAndDate() throws Exception {
        Entity liquidated = SEED.entities().stream().filter(e -> e.regStatus() == RegStatus.LIQUIDATED).findFirst().orElseThrow();

        Element organization = child(payload(GBDUL, call(GbdulRegistry.SERVICE_ID, entityRequest(liquidated.bin()))), "Organization");

        assertThat(text(organization, "RegStatus", "Code")).isEqualTo(RegStatus.LIQUIDATED.term().code());
        assertThat(text(organization, "RegStatus", "NameRu")).isEqualTo("Ликвидировано");
        assertThat(text(organization, "LiquidationDate")).isEqualTo(liquidated.liquidationDate().orElseThrow().toString());
        assertThat(text(organization, "TaxOrgStatus", "Code")).isEqualTo(RegStatus.LIQUIDATED.taxOrgStatus().code());
    }

    @Test
    void answersNotFoundForABinNotOnRecord() throws Exception {
        String unknown = "050340001255"; // valid control digit, not in the seed
        assertThat(SEED.entity(unknown)).isEmpty();

        Element answer = payload(GBDUL, call(GbdulRegistry.SERVICE_ID, entityRequest(unknown)));

        assertThat(text(answer, "Status", "Code")).isEqualTo(GbdulRegistry.NOT_FOUND_CODE);
        assertThat(child(answer, "Organization")).isNull();
    }

    @Test
    void reportsTheArrearsOfADebtor() throws Exception {
        for (TaxDebt debt : List.of(debtOfAPerson(), debtOfAnEntity())) {
            Element answer = payload(TAX, call(TaxRegistry.SERVICE_ID, debtRequest(debt.number())));

            assertThat(text(answer, "status", "code")).isEqualTo(TaxRegistry.CHECKED_CODE);
            assertThat(text(answer, "debt", "hasArrears")).isEqualTo("true");
            assertThat(text(answer, "debt", "amount")).isEqualTo(debt.amount().toPlainString());
            assertThat(text(answer, "debt", "asOfDate")).isEqualTo(debt.asOf().toString());
        }
    }

    @Test
    void reportsNoArrearsAsOfToday() throws Exception {
        assertThat(SEED.debt("850312301000")).isEmpty();

        Element answer = payload(TAX, call(TaxRegistry.SERVICE_ID, debtRequest("850312301000")));

        assertThat(text(answer, "debt", "hasArrears")).isEqualTo("false");
        assertThat(text(answer, "debt", "amount")).isEqualTo("0.00");
        // the answer is dated by the registry's clock; either side of midnight in Almaty while the test runs
        assertThat(LocalDate.parse(text(answer, "debt", "asOfDate")))
                .isBetween(LocalDate.now(ZoneId.of("Asia/Almaty")).minusDays(1), LocalDate.now(ZoneId.of("Asia/Almaty")));
    }

    @Test
    void answersNotRegisteredForATaxpayerNotOnRecord() throws Exception {
        Element answer = payload(TAX, call(TaxRegistry.SERVICE_ID, debtRequest("050340001255")));

        assertThat(text(answer, "status", "code")).isEqualTo(TaxRegistry.NOT_REGISTERED_CODE);
        assertThat(child(answer, "debt")).isNull();
    }

    @Test
    void relaysTheRefusalOfAMalformedRequestAsProviderFault() throws Exception {
        String noIin = personRequest("gbdfl-6", "850312301000").replace("<iin>850312301000</iin>", "");

        assertRefusedBy(call(GbdflRegistry.SERVICE_ID, noIin), RegistryRefusal.REQUEST_INVALID);
        assertRefusedBy(call(GbdulRegistry.SERVICE_ID, "<Request xmlns=\"urn:other\"><BIN>050340001235</BIN></Request>"),
                RegistryRefusal.REQUEST_INVALID);
        assertRefusedBy(call(TaxRegistry.SERVICE_ID, "no request at all"), RegistryRefusal.REQUEST_INVALID);
    }

    @Test
    void relaysTheRefusalOfANumberThatCannotExistAsProviderFault() throws Exception {
        assertRefusedBy(call(GbdflRegistry.SERVICE_ID, personRequest("gbdfl-7", "85031230")), RegistryRefusal.IIN_INVALID);
        assertRefusedBy(call(GbdflRegistry.SERVICE_ID, personRequest("gbdfl-8", "850312301001")), RegistryRefusal.IIN_INVALID);
        assertRefusedBy(call(GbdulRegistry.SERVICE_ID, entityRequest("05034000123X")), RegistryRefusal.BIN_INVALID);
        assertRefusedBy(call(TaxRegistry.SERVICE_ID, debtRequest("050340001236")), RegistryRefusal.IIN_BIN_INVALID);
    }

    @Test
    void aRegistryRefusesARequestTheGatewayDidNotSign() throws Exception {
        String unsigned = SandboxProvidersTest.request("m-unsigned-gbdfl", "<data>" + personRequest("gbdfl-9", "850312301000") + "</data>");

        TestGateway.SoapResponse answer = gateway().post("/sandbox/gbdfl", Envelopes.bytes(unsigned));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo(ErrorCode.SIGNATURE_MISSING.name());
    }

    @Test
    void qaqpaSendAsksGbdflForAPerson(@TempDir Path dir) throws Exception {
        Path request = Files.writeString(dir.resolve("req.xml"), personRequest("cli-gbdfl-1", "123456789011"));

        Result result = SendCommandTest.send("--service", GbdflRegistry.SERVICE_ID, "--payload", request.toString());

        assertThat(result.exit()).as(result.err()).isEqualTo(0);
        assertThat(result.out()).contains("person 123456789011 found", "<surname>ТЕСТОВ</surname>");
    }

    private static TestGateway gateway() {
        return SharedGateway.gateway();
    }

    private static TestGateway.SoapResponse call(String serviceId, String payload) throws Exception {
        return gateway().postSigned("/bip-sync/", Envelopes.sendMessage(serviceId, payload));
    }

    static String personRequest(String messageId, String iin) {
        return "<Request xmlns=\"" + GbdflRegistry.NAMESPACE + "\"><messageId>" + messageId + "</messageId>"
                + "<messageDate>2026-11-23T10:00:00+05:00</messageDate><senderCode>QAQPA_DEV</senderCode><iin>" + iin + "</iin></Request>";
    }

    static String entityRequest(String bin) {
        return "<Request xmlns=\"" + GbdulRegistry.NAMESPACE + "\"><RequestorBIN>123456789021</RequestorBIN><BIN>" + bin
                + "</BIN></Request>";
    }

    static String debtRequest(String iinOrBin) {
        return "<DebtCheckRequest xmlns=\"" + TaxRegistry.NAMESPACE + "\"><iinBin>" + iinOrBin + "</iinBin></DebtCheckRequest>";
    }

    private static TaxDebt debtOfAPerson() {
        return SEED.debts().stream().filter(d -> SEED.person(d.number()).isPresent()).findFirst().orElseThrow();
    }

    private static TaxDebt debtOfAnEntity() {
        return SEED.debts().stream().filter(d -> SEED.entity(d.number()).isPresent()).findFirst().orElseThrow();
    }

    /**
     * The registry's payload in the gateway's answer, after checking the answer is a success signed by the
     * gateway, and the payload valid against {@code schema} with the registry's enveloped signature.
     */
    private static Element payload(PayloadSchema schema, TestGateway.SoapResponse answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Document document = answer.document();
        Element response = SyncMessages.child(SyncMessages.bodyContent(document), "response");
        Element data = SyncMessages.child(SyncMessages.child(response, "responseData"), "data");
        List<Element> content = SyncMessages.elementChildren(data);
        assertThat(content).hasSize(1);
        Document payload = SyncMessages.newDocument();
        payload.appendChild(payload.importNode(content.get(0), true));
        schema.validate(payload);
        var signature = new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(), List.of())
                .verify(payload, XmlSignatureVerifier.Mode.ENVELOPED);
        assertThat(signature.signer()).isEqualTo(gateway().pki().echo().certificate());
        assertThat(payload.getDocumentElement().getNamespaceURI()).isEqualTo(schema.namespace());
        return payload.getDocumentElement();
    }

    private static void assertRefusedBy(TestGateway.SoapResponse answer, String registryCode) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(500);
        assertThat(answer.errorCode()).as(answer.body()).isEqualTo(ErrorCode.PROVIDER_FAULT.name());
        Element subError = (Element) answer.document().getElementsByTagName("subError").item(0);
        assertThat(subError).as(answer.body()).isNotNull();
        assertThat(SyncMessages.text(subError, "errorCode")).isEqualTo(registryCode);
    }

    /** The text of the path of children in the payload's namespace below {@code parent}. */
    private static String text(Element parent, String... path) {
        Element current = parent;
        for (String name : path) {
            current = child(current, name);
            assertThat(current).as(String.join("/", path)).isNotNull();
        }
        return current.getTextContent();
    }

    private static Element child(Element parent, String name) {
        for (Element e : SyncMessages.elementChildren(parent)) {
            if (name.equals(e.getLocalName()) && parent.getNamespaceURI().equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }
}
