package org.qaqpa.sandbox.registry;

import static org.qaqpa.sandbox.registry.PayloadXml.append;
import static org.qaqpa.sandbox.registry.PayloadXml.appendTerm;
import static org.qaqpa.sandbox.registry.PayloadXml.text;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.sandbox.registry.PayloadXml.Naming;
import org.w3c.dom.Element;

/**
 * The sandbox ГБД ФЛ (state database "Individuals"): a person by IIN ({@code xsd/sandbox/gbdfl.xsd},
 * shep-contract.md §4). An IIN not on record is answered with {@code messageResult} {@value #NOT_FOUND_CODE}
 * and no persons; a malformed request or an IIN that cannot exist is refused.
 */
public final class GbdflRegistry extends LookupRegistry<Person> {

    public static final String SERVICE_ID = "GBDFL_UniversalServiceSync";
    public static final String NAMESPACE = "http://message.persistence.interactive.nat";
    public static final String SCHEMA = "xsd/sandbox/gbdfl.xsd";
    public static final String PROCESSED_CODE = "00000";
    public static final String NOT_FOUND_CODE = "00001";

    private static final Term PROCESSED = new Term(PROCESSED_CODE, "Сообщение успешно обработано", "Хабарлама сәтті өңделді");
    private static final Term NOT_FOUND = new Term(NOT_FOUND_CODE, "Сведения не найдены", "Мәліметтер табылған жоқ");
    private static final Term SELF = new Term("GBDFL", "ГБД ФЛ (песочница Qaqpa)", "ЖТ МДБ (Qaqpa құмсалғышы)");

    private final Clock clock;

    public GbdflRegistry(RegistrySeed seed, Clock clock) {
        super(PayloadSchema.of(SCHEMA, NAMESPACE), "Request", "iin", RegistryRefusal.IIN_INVALID, seed::person);
        this.clock = clock;
    }

    @Override
    RegistryAnswer answer(Element request, String iin, Optional<Person> person) {
        Element out = PayloadXml.newRoot(NAMESPACE, "Response");
        append(out, "messageId", UUID.randomUUID().toString());
        append(out, "messageDate", SyncMessages.now(clock));
        append(out, "requestId", text(request, "messageId"));
        appendTerm(out, "sender", SELF, Naming.CAMEL);
        append(append(out, "receiver", null), "code", text(request, "senderCode"));
        appendTerm(out, "messageResult", person.isPresent() ? PROCESSED : NOT_FOUND, Naming.CAMEL);
        person.ifPresent(p -> appendPerson(append(out, "persons", null), p));
        String summary = person.map(p -> "person " + iin + " found" + (p.deathDate().isPresent() ? ", deceased" : ""))
                .orElse("no person with IIN " + iin);
        return new RegistryAnswer(out.getOwnerDocument(), summary);
    }

    private static void appendPerson(Element persons, Person p) {
        Element person = append(persons, "person", null);
        append(person, "iin", p.iin());
        append(person, "surname", p.surname());
        append(person, "name", p.name());
        p.patronymic().ifPresent(patronymic -> append(person, "patronymic", patronymic));
        append(person, "birthDate", p.birthDate().toString());
        p.deathDate().ifPresent(date -> append(person, "deathDate", date.toString()));
        appendTerm(person, "gender", p.gender().term(), Naming.CAMEL);
        appendTerm(person, "lifeStatus", p.lifeStatus(), Naming.CAMEL);
        PayloadXml.appendAddress(person, "regAddress", p.regAddress(), Naming.CAMEL);
    }
}
