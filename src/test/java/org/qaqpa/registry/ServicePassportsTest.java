package org.qaqpa.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qaqpa.registry.RegistryTestFiles.write;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.ConfigException;

class ServicePassportsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheShippedFilmCertificatePassport() {
        List<ServicePassport> passports = ServicePassports.readDir(RegistryTestFiles.projectDir().resolve("config/services"));

        ServicePassport film = passports.stream().filter(p -> p.service().equals("FILM_CERT")).findFirst().orElseThrow();
        assertThat(film.applicationService()).isEqualTo("FILM_CERT_APPLICATION");
        assertThat(film.provider()).isEqualTo("culture-is");
        assertThat(film.attachments()).containsExactly("annotation", "works", "rights");
        assertThat(film.signatures()).containsEntry("result", "officer");
        assertThat(film.step("FILM-A5").orElseThrow().limit()).contains(Duration.ofMinutes(1));
        assertThat(film.step("FILM-B3").orElseThrow().limit()).contains(Duration.ofSeconds(90));
        assertThat(film.step("FILM-A7").orElseThrow().limit()).as("no limit in the regulation").isEmpty();
        assertThat(film.refusals()).containsKeys("SIGNATURE_REJECTED", "DATA_NOT_FOUND", "DOCUMENTS_INCOMPLETE");
    }

    @Test
    void readsTheShippedForeignMediaPassport() {
        ServicePassport media = ServicePassports.readDir(RegistryTestFiles.projectDir().resolve("config/services")).stream()
                .filter(p -> p.service().equals("FOREIGN_MEDIA_REG")).findFirst().orElseThrow();

        assertThat(media.provider()).isEqualTo("isb");
        assertThat(media.channels()).containsExactly("portal", "psc", "office");
        assertThat(media.registries()).containsExactly("GBDFL_UniversalServiceSync", "GBDUL_InfoByBin", "ISNA_DEBT_CHECK");
        assertThat(media.validUntil()).isEqualTo("end-of-year");
        assertThat(media.step("MEDIA-P6").orElseThrow().limit()).as("15 calendar days").contains(Duration.ofDays(15));
        assertThat(media.step("MEDIA-C1").orElseThrow().limit()).as("the PSC operator").contains(Duration.ofMinutes(10));
        assertThat(media.refusals()).containsEntry("DATA_NOT_CONFIRMED", "registry/tax data not confirmed");
    }

    @Test
    void refusesAPassportWithoutItsApplicationService() {
        Path file = write(dir.resolve("x.yaml"), """
                passport:
                  service: X
                  provider: x-is
                """);

        assertThatThrownBy(() -> ServicePassports.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("application-service");
    }

    @Test
    void refusesAnUnknownStatus() {
        Path file = write(dir.resolve("x.yaml"), """
                passport:
                  service: X
                  application-service: X_APPLICATION
                  provider: x-is
                  statuses: [RECEIVED, LOST]
                """);

        assertThatThrownBy(() -> ServicePassports.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(":5:").hasMessageContaining("statuses");
    }

    @Test
    void readsLimitsInWorkingAndCalendarDays() {
        ServicePassport passport = ServicePassports.read(passportWithSteps("""
                  X-1: {name: decision, limit: 10wd}
                  X-2: {name: decision, limit: 15cd}
                  X-3: {name: decision, limit: 1 wd}
                  X-4: {name: hop, limit: 90s}
                """));

        assertThat(passport.step("X-1").orElseThrow().limit()).as("two weeks").contains(Duration.ofDays(14));
        assertThat(passport.step("X-2").orElseThrow().limit()).contains(Duration.ofDays(15));
        assertThat(passport.step("X-3").orElseThrow().limit()).as("24 h x 7 / 5").contains(Duration.ofMinutes(2016));
        assertThat(passport.step("X-4").orElseThrow().limit()).contains(Duration.ofSeconds(90));
    }

    @Test
    void refusesZeroOrUnknownDays() {
        for (String limit : List.of("0wd", "10 days", "wd")) {
            Path file = passportWithSteps("  X-1: {name: decision, limit: " + limit + "}\n");

            assertThatThrownBy(() -> ServicePassports.read(file)).as(limit).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(":6:").hasMessageContaining("limit");
        }
    }

    /** A passport of the service X with these lines under {@code steps:} (line 6 is the first). */
    private Path passportWithSteps(String steps) {
        return write(dir.resolve("x.yaml"), """
                passport:
                  service: X
                  application-service: X_APPLICATION
                  provider: x-is
                steps:
                """ + steps);
    }
}
