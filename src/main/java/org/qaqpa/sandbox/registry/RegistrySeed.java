package org.qaqpa.sandbox.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.ConfigSection;
import org.qaqpa.config.YamlDocument;

/**
 * The records of the sandbox state registries, read from the seed files on the class path
 * ({@value #PERSONS}, {@value #ENTITIES}, {@value #DEBTS}) and checked as a whole: every IIN and BIN
 * carries a valid control digit (except the development PKI's numbers, marked {@code dev-pki}), an
 * IIN encodes its person's birth date and gender, an entity's leader is a seeded person, a debt
 * belongs to a seeded person or entity. A refused file names its line.
 */
public final class RegistrySeed {

    public static final String PERSONS = "sandbox/registries/persons.yaml";
    public static final String ENTITIES = "sandbox/registries/entities.yaml";
    public static final String DEBTS = "sandbox/registries/tax-debts.yaml";

    private static final List<String> PERSON_KEYS = List.of("surname", "name", "patronymic", "birth-date", "death-date",
            "gender", "reg-address", "dev-pki", "note");
    private static final List<String> ENTITY_KEYS = List.of("full-name-ru", "full-name-kz", "org-form", "registration-date",
            "reg-status", "liquidation-date", "leader", "address", "dev-pki", "note");
    private static final List<String> ADDRESS_KEYS = List.of("region", "city", "street", "building", "flat");
    private static final List<String> DEBT_KEYS = List.of("amount", "as-of");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,15}\\.[0-9]{2}");
    private static final String NUMBER_RULE = "12 digits in quotes";
    private static final Predicate<String> ANY = text -> !text.isBlank();

    private final Map<String, Person> persons;
    private final Map<String, Entity> entities;
    private final Map<String, TaxDebt> debts;

    private RegistrySeed(Map<String, Person> persons, Map<String, Entity> entities, Map<String, TaxDebt> debts) {
        this.persons = persons;
        this.entities = entities;
        this.debts = debts;
    }

    /**
     * The seed shipped with Qaqpa.
     *
     * @throws ConfigException if a seed file is missing or refused
     */
    public static RegistrySeed load() {
        return parse(resource(PERSONS), resource(ENTITIES), resource(DEBTS));
    }

    /** The seed of the three files' contents (YAML, UTF-8). */
    static RegistrySeed parse(byte[] personsYaml, byte[] entitiesYaml, byte[] debtsYaml) {
        Map<String, Person> persons = new LinkedHashMap<>();
        section(personsYaml, PERSONS, "persons", "IIN", PERSON_KEYS).forEach((iin, s) -> persons.put(iin, person(iin, s)));
        Map<String, Entity> entities = new LinkedHashMap<>();
        section(entitiesYaml, ENTITIES, "entities", "BIN", ENTITY_KEYS)
                .forEach((bin, s) -> entities.put(bin, entity(bin, s, persons)));
        Map<String, TaxDebt> debts = new LinkedHashMap<>();
        section(debtsYaml, DEBTS, "debts", "IIN or BIN", DEBT_KEYS).forEach((number, s) -> {
            if (!persons.containsKey(number) && !entities.containsKey(number)) {
                throw s.problem("is neither a person of " + PERSONS + " nor an entity of " + ENTITIES);
            }
            debts.put(number, new TaxDebt(number, new BigDecimal(s.requiredString("amount", AMOUNT.asMatchPredicate(),
                    "an amount in tenge with two decimals, e.g. \"1250.00\"")), date(s, "as-of").orElseThrow(
                    () -> s.problem("needs 'as-of' (a date YYYY-MM-DD)"))));
        });
        return new RegistrySeed(Map.copyOf(persons), Map.copyOf(entities), Map.copyOf(debts));
    }

    /** The person of ГБД ФЛ with this IIN. */
    public Optional<Person> person(String iin) {
        return Optional.ofNullable(persons.get(iin));
    }

    /** The entity of ГБД ЮЛ with this BIN. */
    public Optional<Entity> entity(String bin) {
        return Optional.ofNullable(entities.get(bin));
    }

    /** The arrears of the taxpayer with this IIN or BIN; empty when it has none (or is unknown). */
    public Optional<TaxDebt> debt(String number) {
        return Optional.ofNullable(debts.get(number));
    }

    /** Whether the tax system knows this IIN or BIN: every seeded person and entity is a taxpayer. */
    public boolean isTaxpayer(String number) {
        return persons.containsKey(number) || entities.containsKey(number);
    }

    public Collection<Person> persons() {
        return persons.values();
    }

    public Collection<Entity> entities() {
        return entities.values();
    }

    public Collection<TaxDebt> debts() {
        return debts.values();
    }

    private static Map<String, ConfigSection> section(byte[] yaml, String file, String name, String idName, List<String> keys) {
        return ConfigSection.root(file, YamlDocument.parse(yaml, file), List.of(name))
                .sections(name, idName, IdentificationNumber::isWellFormed, NUMBER_RULE, keys);
    }

    private static Person person(String iin, ConfigSection s) {
        boolean devPki = s.bool("dev-pki", false);
        checkControlDigit(iin, devPki, s);
        LocalDate birthDate = date(s, "birth-date").orElseThrow(() -> s.problem("needs 'birth-date' (a date YYYY-MM-DD)"));
        Optional<LocalDate> deathDate = date(s, "death-date");
        if (deathDate.isPresent() && deathDate.get().isBefore(birthDate)) {
            throw s.invalid("death-date", "is before the birth date " + birthDate);
        }
        Gender gender = Gender.valueOf(s.requiredString("gender", text -> text.equals("male") || text.equals("female"),
                "male or female").toUpperCase(Locale.ROOT));
        if (!devPki && !iin.startsWith(IdentificationNumber.iinPrefix(birthDate, gender))) {
            throw s.problem("does not encode the birth date " + birthDate + " and gender " + gender.name().toLowerCase(Locale.ROOT)
                    + " (an IIN starting " + IdentificationNumber.iinPrefix(birthDate, gender) + " would)");
        }
        return new Person(iin, s.requiredString("surname", ANY, "a surname"), s.requiredString("name", ANY, "a name"),
                s.optionalString("patronymic", ANY, "a patronymic"), birthDate, deathDate, gender,
                address(s, "reg-address"), devPki, s.optionalString("note", ANY, "a note"));
    }

    private static Entity entity(String bin, ConfigSection s, Map<String, Person> persons) {
        boolean devPki = s.bool("dev-pki", false);
        checkControlDigit(bin, devPki, s);
        RegStatus status = RegStatus.valueOf(s.requiredString("reg-status",
                text -> text.equals("registered") || text.equals("liquidated"), "registered or liquidated").toUpperCase(Locale.ROOT));
        Optional<LocalDate> liquidated = date(s, "liquidation-date");
        if (liquidated.isPresent() != (status == RegStatus.LIQUIDATED)) {
            throw s.problem("has a 'liquidation-date' exactly when its 'reg-status' is liquidated");
        }
        String leader = s.requiredString("leader", IdentificationNumber::isWellFormed, "the IIN of the head (" + NUMBER_RULE + ")");
        if (!persons.containsKey(leader)) {
            throw s.invalid("leader", "is not a person of " + PERSONS);
        }
        OrgForm form = OrgForm.valueOf(s.requiredString("org-form", text -> text.matches("too|ao|gu"), "too, ao or gu")
                .toUpperCase(Locale.ROOT));
        return new Entity(bin, s.requiredString("full-name-ru", ANY, "the Russian name"),
                s.requiredString("full-name-kz", ANY, "the Kazakh name"), form,
                date(s, "registration-date").orElseThrow(() -> s.problem("needs 'registration-date' (a date YYYY-MM-DD)")),
                status, liquidated, persons.get(leader), address(s, "address"), devPki, s.optionalString("note", ANY, "a note"));
    }

    private static void checkControlDigit(String number, boolean devPki, ConfigSection s) {
        if (!devPki && !IdentificationNumber.hasValidControlDigit(number)) {
            throw s.problem("has a wrong control digit (only the development PKI's numbers, marked 'dev-pki: true', may)");
        }
    }

    private static Address address(ConfigSection parent, String key) {
        ConfigSection s = parent.section(key, ADDRESS_KEYS);
        if (!parent.has(key)) {
            throw parent.problem("needs '" + key + "' (" + String.join(", ", ADDRESS_KEYS) + ")");
        }
        return new Address(s.requiredString("region", ANY, "a region"), s.requiredString("city", ANY, "a city"),
                s.requiredString("street", ANY, "a street"), s.requiredString("building", ANY, "a building"),
                s.optionalString("flat", ANY, "a flat"));
    }

    private static Optional<LocalDate> date(ConfigSection s, String key) {
        return s.optionalString(key, RegistrySeed::isDate, "a date YYYY-MM-DD").map(LocalDate::parse);
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = RegistrySeed.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new ConfigException(name, "not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
