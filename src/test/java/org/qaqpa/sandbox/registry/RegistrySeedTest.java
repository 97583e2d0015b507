package org.qaqpa.sandbox.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qaqpa.config.ConfigException;
import org.qaqpa.security.pki.DevPki;

class RegistrySeedTest {

    private static final String PERSON = """
            persons:
              "850312301000":
                surname: АХМЕТОВ
                name: ЕРЛАН
                birth-date: 1985-03-12
                gender: male
                reg-address: {region: "г. Астана", city: Астана, street: "пр. Республики", building: "24"}
            """;
    private static final String ENTITY = """
            entities:
              "050340001235":
                full-name-ru: 'ТОО "ДАЛА"'
                full-name-kz: '"ДАЛА" ЖШС'
                org-form: too
                registration-date: 2005-03-14
                reg-status: registered
                leader: "850312301000"
                address: {region: "г. Алматы", city: Алматы, street: "ул. Абая", building: "1"}
            """;
    private static final String NO_DEBTS = "debts:\n";

    @Test
    void shippedSeedHasTheCasesTheEServicesNeed() {
        RegistrySeed seed = RegistrySeed.load();

        assertThat(seed.persons()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(seed.entities()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(seed.persons()).filteredOn(p -> p.deathDate().isPresent()).hasSize(1)
                .allSatisfy(p -> assertThat(p.lifeStatus()).isEqualTo(Person.DECEASED));
        assertThat(seed.entities()).filteredOn(e -> e.regStatus() == RegStatus.LIQUIDATED).hasSize(1)
                .allSatisfy(e -> assertThat(e.liquidationDate()).isPresent());
        assertThat(seed.debts()).extracting(TaxDebt::number)
                .anySatisfy(n -> assertThat(seed.person(n)).isPresent())
                .anySatisfy(n -> assertThat(seed.entity(n)).isPresent());
        assertThat(seed.persons()).filteredOn(p -> p.note().filter(n -> n.contains("revoked")).isPresent()).hasSize(1);
    }

    @Test
    void shippedSeedHasThePeopleAndEntityOfTheDevelopmentPkiCertificates() {
        RegistrySeed seed = RegistrySeed.load();

        // the numbers DevPki writes into its certificates' subjects
        assertThat(DevPki.INDIVIDUAL_DN).contains("IIN123456789011");
        assertThat(DevPki.OFFICER_DN).contains("IIN123456789032", "BIN123456789021");
        assertThat(seed.person("123456789011")).hasValueSatisfying(p -> assertThat(p.surname()).isEqualTo("ТЕСТОВ"));
        assertThat(seed.entity("123456789021")).hasValueSatisfying(e -> {
            assertThat(e.devPki()).isTrue();
            assertThat(e.leader().iin()).isEqualTo("123456789032");
        });
    }

    @Test
    void everyShippedNumberOutsideTheDevelopmentPkiHasAValidControlDigit() {
        RegistrySeed seed = RegistrySeed.load();

        assertThat(seed.persons()).filteredOn(p -> !p.devPki()).isNotEmpty()
                .allSatisfy(p -> assertThat(IdentificationNumber.hasValidControlDigit(p.iin())).as(p.iin()).isTrue())
                .allSatisfy(p -> assertThat(p.iin()).startsWith(IdentificationNumber.iinPrefix(p.birthDate(), p.gender())));
        assertThat(seed.entities()).filteredOn(e -> !e.devPki()).isNotEmpty()
                .allSatisfy(e -> assertThat(IdentificationNumber.hasValidControlDigit(e.bin())).as(e.bin()).isTrue());
    }

    @Test
    void readsAPersonAnEntityAndADebt() {
        RegistrySeed seed = parse(PERSON, ENTITY, """
                debts:
                  "050340001235":
                    amount: "1250.50"
                    as-of: 2026-11-01
                """);

        assertThat(seed.person("850312301000")).hasValueSatisfying(p -> {
            assertThat(p.gender()).isEqualTo(Gender.MALE);
            assertThat(p.patronymic()).isEmpty();
            assertThat(p.lifeStatus()).isEqualTo(Person.ALIVE);
            assertThat(p.regAddress().flat()).isEmpty();
        });
        assertThat(seed.entity("050340001235")).hasValueSatisfying(e -> assertThat(e.leader().surname()).isEqualTo("АХМЕТОВ"));
        assertThat(seed.debt("050340001235")).hasValueSatisfying(d -> assertThat(d.amount()).isEqualTo(new BigDecimal("1250.50")));
        assertThat(seed.debt("850312301000")).isEmpty();
        assertThat(seed.isTaxpayer("850312301000")).isTrue();
        assertThat(seed.isTaxpayer("050340001246")).isFalse();
    }

    @Test
    void refusesAWrongControlDigitNamingTheLine() {
        assertThatThrownBy(() -> parse(PERSON.replace("850312301000", "850312301001"), "", NO_DEBTS))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo(RegistrySeed.PERSONS);
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.getMessage()).contains("persons.850312301001", "control digit");
                });
    }

    @Test
    void acceptsAWrongControlDigitOnlyForTheDevelopmentPki() {
        RegistrySeed seed = parse(PERSON.replace("850312301000", "123456789011").replace("    gender: male\n",
                "    gender: male\n    dev-pki: true\n"), "", NO_DEBTS);

        assertThat(seed.person("123456789011")).hasValueSatisfying(p -> assertThat(p.devPki()).isTrue());
    }

    @Test
    void refusesAnIinThatDoesNotEncodeTheBirthDateAndGender() {
        assertThatThrownBy(() -> parse(PERSON.replace("gender: male", "gender: female"), "", NO_DEBTS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not encode the birth date 1985-03-12");
    }

    @Test
    void refusesAnEntityWhoseLeaderIsNotAPerson() {
        assertThatThrownBy(() -> parse(PERSON, ENTITY.replace("leader: \"850312301000\"", "leader: \"870730401009\""), NO_DEBTS))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo(RegistrySeed.ENTITIES);
                    assertThat(e.getMessage()).contains("entities.050340001235.leader", "is not a person");
                });
    }

    @Test
    void refusesALiquidatedEntityWithoutItsDate() {
        assertThatThrownBy(() -> parse(PERSON, ENTITY.replace("reg-status: registered", "reg-status: liquidated"), NO_DEBTS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("liquidation-date");
    }

    @Test
    void refusesADebtOfSomeoneNotOnRecord() {
        assertThatThrownBy(() -> parse(PERSON, ENTITY, """
                debts:
                  "050340001246":
                    amount: "1.00"
                    as-of: 2026-11-01
                """)).isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo(RegistrySeed.DEBTS);
                    assertThat(e.getMessage()).contains("is neither a person");
                });
    }

    @Test
    void refusesAnAmountWithoutTwoDecimals() {
        assertThatThrownBy(() -> parse(PERSON, "", """
                debts:
                  "850312301000":
                    amount: 12
                    as-of: 2026-11-01
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("debts.850312301000.amount");
    }

    @Test
    void refusesANumberThatIsNotTwelveDigits() {
        assertThatThrownBy(() -> parse(PERSON.replace("850312301000", "85031230100"), "", NO_DEBTS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("keys in 'persons' must be IINs");
    }

    private static RegistrySeed parse(String persons, String entities, String debts) {
        return RegistrySeed.parse(persons.getBytes(StandardCharsets.UTF_8), entities.getBytes(StandardCharsets.UTF_8),
                debts.getBytes(StandardCharsets.UTF_8));
    }
}
