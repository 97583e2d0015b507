package org.qaqpa.sandbox.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdentificationNumberTest {

    @Test
    void acceptsANumberWhoseFirstWeightedSumGivesTheControlDigit() {
        // 8·1+5·2+0·3+3·4+1·5+2·6+3·7+0·8+1·9+0·10+0·11 = 77, 77 mod 11 = 0
        assertThat(IdentificationNumber.hasValidControlDigit("850312301000")).isTrue();
        assertThat(IdentificationNumber.hasValidControlDigit("850312301001")).isFalse();
    }

    @Test
    void usesTheSecondWeightsWhenTheFirstSumGivesTen() {
        // weights 1..11 give 296 mod 11 = 10; weights 3..11,1,2 give 377 mod 11 = 3
        assertThat(IdentificationNumber.controlDigit("12345678901")).hasValue(3);
        assertThat(IdentificationNumber.hasValidControlDigit("123456789013")).isTrue();
        assertThat(IdentificationNumber.hasValidControlDigit("123456789011")).as("the development PKI's IIN").isFalse();
    }

    @Test
    void knowsThatAPrefixGivingTenTwiceIsNeverIssued() {
        assertThat(IdentificationNumber.controlDigit("10000000028")).isEmpty();
        for (int last = 0; last <= 9; last++) {
            assertThat(IdentificationNumber.hasValidControlDigit("10000000028" + last)).isFalse();
        }
    }

    @Test
    void isWellFormedOnlyWithTwelveAsciiDigits() {
        assertThat(IdentificationNumber.isWellFormed("850312301000")).isTrue();
        assertThat(IdentificationNumber.isWellFormed("85031230100")).isFalse();
        assertThat(IdentificationNumber.isWellFormed("8503123010000")).isFalse();
        assertThat(IdentificationNumber.isWellFormed("85031230100A")).isFalse();
        assertThat(IdentificationNumber.isWellFormed("８50312301000")).as("a full-width digit").isFalse();
        assertThat(IdentificationNumber.isWellFormed(null)).isFalse();
        assertThat(IdentificationNumber.hasValidControlDigit("85031230100")).isFalse();
    }

    @Test
    void encodesBirthDateCenturyAndGenderInTheIinPrefix() {
        assertThat(IdentificationNumber.iinPrefix(LocalDate.of(1985, 3, 12), Gender.MALE)).isEqualTo("8503123");
        assertThat(IdentificationNumber.iinPrefix(LocalDate.of(1987, 7, 30), Gender.FEMALE)).isEqualTo("8707304");
        assertThat(IdentificationNumber.iinPrefix(LocalDate.of(2001, 8, 8), Gender.FEMALE)).isEqualTo("0108086");
        assertThat(IdentificationNumber.iinPrefix(LocalDate.of(1899, 1, 2), Gender.MALE)).isEqualTo("9901021");
        assertThatThrownBy(() -> IdentificationNumber.iinPrefix(LocalDate.of(2100, 1, 1), Gender.MALE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
