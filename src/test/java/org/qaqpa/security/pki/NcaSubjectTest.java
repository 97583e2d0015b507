package org.qaqpa.security.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** The subject shapes of shep-contract.md §3, with invented IINs and BINs. */
class NcaSubjectTest {

    @Test
    void readsLegalEntityGostTestCertificateOf2019() {
        NcaSubject subject = subject("CN=ТЕСТОВ ТЕСТ, SURNAME=ТЕСТОВ, SERIALNUMBER=IIN123456789011, C=KZ, L=АСТАНА, "
                + "ST=АСТАНА, O=АО \\\"ТЕСТ\\\", GIVENNAME=ТЕСТОВИЧ, OU=BIN123456789021");

        assertThat(subject).isEqualTo(new NcaSubject("ТЕСТОВ ТЕСТ", Optional.of("123456789011"),
                Optional.of("123456789021"), Optional.of("ТЕСТОВ"), Optional.of("ТЕСТОВИЧ"),
                Optional.of("АО \"ТЕСТ\""), Optional.empty()));
    }

    @Test
    void readsProductionStyleLegalEntityWithEmail() {
        NcaSubject subject = subject("SERIALNUMBER=IIN700101300111, OU=BIN940340000000, "
                + "O=ГОСУДАРСТВЕННОЕ УЧРЕЖДЕНИЕ \\\"ТЕСТ\\\", CN=ИВАНОВ ИВАН, SURNAME=ИВАНОВ, GIVENNAME=ИВАНОВИЧ, "
                + "E=ivanov@example.kz, C=KZ, ST=АСТАНА, L=АСТАНА");

        assertThat(subject.commonName()).isEqualTo("ИВАНОВ ИВАН");
        assertThat(subject.iin()).contains("700101300111");
        assertThat(subject.bin()).contains("940340000000");
        assertThat(subject.organization()).contains("ГОСУДАРСТВЕННОЕ УЧРЕЖДЕНИЕ \"ТЕСТ\"");
        assertThat(subject.email()).contains("ivanov@example.kz");
    }

    @Test
    void readsIndividualOfKazakhIssuanceTemplateWithoutBin() {
        NcaSubject subject = subject("CN=ҚҰНАНБАЙ АБАЙ, SURNAME=ҚҰНАНБАЙ, SERIALNUMBER=IIN123456789012, C=KZ, G=ҚҰНАНБАЙҰЛЫ");

        assertThat(subject).isEqualTo(new NcaSubject("ҚҰНАНБАЙ АБАЙ", Optional.of("123456789012"), Optional.empty(),
                Optional.of("ҚҰНАНБАЙ"), Optional.of("ҚҰНАНБАЙҰЛЫ"), Optional.empty(), Optional.empty()));
    }

    @Test
    void readsBinFromOrganizationalUnit() {
        NcaSubject subject = subject("CN=ҚҰНАНБАЙ АБАЙ, SERIALNUMBER=IIN123456789012, C=KZ, O=\\\"АЛАШ\\\" ПАРТИЯСЫ, "
                + "OU=BIN012345678912");

        assertThat(subject.bin()).contains("012345678912");
        assertThat(subject.iin()).contains("123456789012");
        assertThat(subject.organization()).contains("\"АЛАШ\" ПАРТИЯСЫ");
    }

    @Test
    void readsBinFromSerialNumber() {
        NcaSubject subject = subject("CN=ТОО ТЕСТ, SERIALNUMBER=BIN012345678912, C=KZ, O=ТОО ТЕСТ");

        assertThat(subject.bin()).contains("012345678912");
        assertThat(subject.iin()).isEmpty();
    }

    @Test
    void takesNeitherIinNorBinFromUnprefixedSerialNumber() {
        NcaSubject subject = subject("CN=device, SERIALNUMBER=123456789012");

        assertThat(subject.iin()).isEmpty();
        assertThat(subject.bin()).isEmpty();
    }

    @Test
    void readsAttributesByOidWhateverTheDnSpelling() {
        // the JDK's parser: its own keywords and encodings (PrintableString where possible)
        NcaSubject subject = NcaSubject.of(new X500Principal(
                "EMAILADDRESS=a@example.kz, OU=BIN123456789021, GIVENNAME=ТЕСТОВИЧ, C=KZ, SERIALNUMBER=IIN123456789011, "
                        + "SURNAME=ТЕСТОВ, CN=ТЕСТОВ ТЕСТ"));

        assertThat(subject).isEqualTo(new NcaSubject("ТЕСТОВ ТЕСТ", Optional.of("123456789011"),
                Optional.of("123456789021"), Optional.of("ТЕСТОВ"), Optional.of("ТЕСТОВИЧ"), Optional.empty(),
                Optional.of("a@example.kz")));
    }

    @Test
    void givesEmptyCommonNameWhenThereIsNone() {
        assertThat(subject("C=KZ, O=ТЕСТ").commonName()).isEmpty();
    }

    private static NcaSubject subject(String dn) {
        return NcaSubject.of(DistinguishedNames.toPrincipal(DistinguishedNames.parse(dn)));
    }
}
