package org.qaqpa.sandbox.registry;

import static org.qaqpa.sandbox.registry.PayloadXml.append;
import static org.qaqpa.sandbox.registry.PayloadXml.appendTerm;

import java.util.Locale;
import java.util.Optional;
import org.qaqpa.sandbox.registry.PayloadXml.Naming;
import org.w3c.dom.Element;

/**
 * The sandbox ГБД ЮЛ (state database "Legal entities"): an entity by BIN ({@code xsd/sandbox/gbdul.xsd},
 * shep-contract.md §4). A BIN not on record is answered with {@code Status} {@value #NOT_FOUND_CODE} and
 * no Organization; a malformed request or a BIN that cannot exist is refused.
 */
public final class GbdulRegistry extends LookupRegistry<Entity> {

    public static final String SERVICE_ID = "GBDUL_InfoByBin";
    public static final String NAMESPACE = "http://gbdulinfobybin_v2.egp.gbdul.tamur.kz";
    public static final String SCHEMA = "xsd/sandbox/gbdul.xsd";
    public static final String FOUND_CODE = "00000";
    public static final String NOT_FOUND_CODE = "00001";

    private static final Term FOUND = new Term(FOUND_CODE, "Сведения найдены", "Мәліметтер табылды");
    private static final Term NOT_FOUND = new Term(NOT_FOUND_CODE, "Сведения не найдены", "Мәліметтер табылған жоқ");

    public GbdulRegistry(RegistrySeed seed) {
        super(PayloadSchema.of(SCHEMA, NAMESPACE), "Request", "BIN", RegistryRefusal.BIN_INVALID, seed::entity);
    }

    @Override
    RegistryAnswer answer(Element request, String bin, Optional<Entity> entity) {
        Element out = PayloadXml.newRoot(NAMESPACE, "Response");
        appendTerm(out, "Status", entity.isPresent() ? FOUND : NOT_FOUND, Naming.PASCAL);
        entity.ifPresent(e -> appendOrganization(out, e));
        String summary = entity.map(e -> "entity " + bin + " found, " + e.regStatus().name().toLowerCase(Locale.ROOT))
                .orElse("no entity with BIN " + bin);
        return new RegistryAnswer(out.getOwnerDocument(), summary);
    }

    private static void appendOrganization(Element response, Entity e) {
        Element org = append(response, "Organization", null);
        append(org, "BIN", e.bin());
        appendTerm(org, "RegStatus", e.regStatus().term(), Naming.PASCAL);
        append(org, "RegistrationDate", e.registrationDate().toString());
        e.liquidationDate().ifPresent(date -> append(org, "LiquidationDate", date.toString()));
        append(org, "FullNameRu", e.fullNameRu());
        append(org, "FullNameKz", e.fullNameKz());
        appendTerm(org, "OrgForm", e.orgForm().term(), Naming.PASCAL);
        appendTerm(org, "TaxOrgStatus", e.regStatus().taxOrgStatus(), Naming.PASCAL);
        Person head = e.leader();
        Element leader = append(org, "OrganizationLeader", null);
        append(leader, "IIN", head.iin());
        append(leader, "Surname", head.surname());
        append(leader, "Name", head.name());
        head.patronymic().ifPresent(patronymic -> append(leader, "Patronymic", patronymic));
        PayloadXml.appendAddress(org, "Address", e.address(), Naming.PASCAL);
    }
}
