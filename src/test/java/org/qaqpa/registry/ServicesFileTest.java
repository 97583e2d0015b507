package org.qaqpa.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qaqpa.registry.RegistryTestFiles.write;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.ConfigException;
import org.qaqpa.security.pki.DevPki;

class ServicesFileTest {

    @TempDir
    Path dir;

    @Test
    void shippedFileRegistersTheSandboxEchoAndAsyncReceiver() {
        List<Service> services = ServicesFile.read(RegistryTestFiles.projectDir().resolve("config/services.yaml"), dir);

        assertThat(services).extracting(Service::serviceId)
                .containsExactly("TEST_SERVICE_ID", "TEST_ASYNC_SERVICE_ID", "TEST_ASYNC_PULL_SERVICE_ID",
                        "TEST_REGIONAL_SERVICE_ID", "TEST_REGIONAL_ASYNC_SERVICE_ID", "FILM_CERT_APPLICATION",
                        "GBDFL_UniversalServiceSync", "GBDUL_InfoByBin", "ISNA_DEBT_CHECK",
                        "CULT_EXPORT_CERT_AKMOLA_APPLICATION", "CULT_EXPORT_CERT_ALMATY_CITY_APPLICATION",
                        "FOREIGN_MEDIA_REG_APPLICATION");
        assertThat(services.get(11)).satisfies(media -> {
            assertThat(media.mode()).isEqualTo(ServiceMode.ASYNC);
            assertThat(media.provider().node()).as("passed on to the regional node, which serves isb").isTrue();
            assertThat(media.provider().url().configured()).isEqualTo("http://127.0.0.1:8090/bip-async/");
            assertThat(media.provider().certificate().bin()).contains("990340000041");
        });
        assertThat(services.get(4)).satisfies(regional -> {
            assertThat(regional.mode()).isEqualTo(ServiceMode.ASYNC);
            assertThat(regional.provider().node()).as("passed on to the development regional node").isTrue();
            assertThat(regional.provider().url().configured()).isEqualTo("http://127.0.0.1:8090/bip-async/");
        });
        assertThat(services.subList(6, 9)).allSatisfy(registry -> {
            assertThat(registry.mode()).isEqualTo(ServiceMode.SYNC);
            assertThat(registry.provider().url().configured()).startsWith("/sandbox/");
            assertThat(registry.provider().certificate().bin()).contains("990340000025");
        });
        assertThat(services.subList(9, 11)).allSatisfy(application -> {
            assertThat(application.mode()).isEqualTo(ServiceMode.ASYNC);
            assertThat(application.provider().url().configured()).isEqualTo("/sandbox/provider/licensing");
            assertThat(application.recipient()).contains("licensing");
        });
        assertThat(services.get(3).provider()).satisfies(region -> {
            assertThat(region.node()).as("the development regional node").isTrue();
            assertThat(region.url().configured()).isEqualTo("http://127.0.0.1:8090/bip-sync/");
            assertThat(region.certificate().bin()).contains("990340000041");
        });
        assertThat(services.get(0).provider().node()).isFalse();
        assertThat(services).as("the regulations' SHEP hops").extracting(Service::serviceId, Service::sla).contains(
                org.assertj.core.groups.Tuple.tuple("FILM_CERT_APPLICATION", Optional.of(Duration.ofMinutes(1))),
                org.assertj.core.groups.Tuple.tuple("CULT_EXPORT_CERT_AKMOLA_APPLICATION", Optional.of(Duration.ofSeconds(90))),
                org.assertj.core.groups.Tuple.tuple("CULT_EXPORT_CERT_ALMATY_CITY_APPLICATION", Optional.empty()),
                org.assertj.core.groups.Tuple.tuple("FOREIGN_MEDIA_REG_APPLICATION", Optional.of(Duration.ofMinutes(1))),
                org.assertj.core.groups.Tuple.tuple("TEST_REGIONAL_ASYNC_SERVICE_ID", Optional.empty()),
                org.assertj.core.groups.Tuple.tuple("TEST_SERVICE_ID", Optional.empty()));
        assertThat(services.get(2)).satisfies(service -> {
            assertThat(service.delivery()).isEqualTo(AsyncDelivery.PULL);
            assertThat(service.recipient()).contains("dev-individual");
            assertThat(service.provider(null)).as("pulled, never called").isEmpty();
        });
        assertThat(services.get(1)).satisfies(service -> {
            assertThat(service.provider().url().resolve(URI.create("http://127.0.0.1:41234")))
                    .isEqualTo(URI.create("http://127.0.0.1:41234/sandbox/async-receiver"));
            assertThat(service.provider().certificate().bin()).contains("990340000025");
            assertThat(service.mode()).isEqualTo(ServiceMode.ASYNC);
        });
        assertThat(services.get(0)).satisfies(service -> {
            assertThat(service.serviceId()).isEqualTo("TEST_SERVICE_ID");
            assertThat(service.provider().url().onGateway()).isTrue();
            assertThat(service.provider().url().resolve(URI.create("http://127.0.0.1:41234")))
                    .isEqualTo(URI.create("http://127.0.0.1:41234/sandbox/echo"));
            assertThat(service.provider().certificate().bin()).contains("990340000025");
            assertThat(service.provider().timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(service.mode()).isEqualTo(ServiceMode.SYNC);
            assertThat(service.businessSignatureRequired()).isFalse();
        });
    }

    @Test
    void readsEveryKey() {
        DevPki pki = DevPki.generate(Clock.systemUTC());
        pki.writeTo(dir.resolve("pki"), "pw".toCharArray());
        Path file = write(dir.resolve("services.yaml"), """
                services:
                  GBDFL_UniversalServiceSync:
                    url: https://gbdfl.example.kz/shep/sync
                    certificates:
                      - ${data}/pki/gateway-cert.pem
                    iin: "123456789011"
                    bin: "990340000017"
                    timeout: 2500ms
                    business-signature: true
                    routes:
                      ALMATY:
                        url: http://almaty.example.kz:8080/shep
                        bin: "123456789021"
                        node: true
                      ASTANA:
                        url: /sandbox/astana
                        iin: "123456789032"
                        timeout: 1m
                  MINIMAL:
                    url: http://10.0.0.5/x
                    bin: "123456789021"
                  IN_A_REGION:
                    url: http://region.example.kz/bip-sync/
                    bin: "990340000041"
                    node: true
                  PULLED:
                    mode: async
                    delivery: pull
                    recipient: ministry-x
                  PUSHED_WITH_RECIPIENT:
                    url: /sandbox/receiver
                    bin: "123456789021"
                    mode: async
                    delivery: push
                    recipient: ministry-x
                """);

        List<Service> services = ServicesFile.read(file, dir);

        assertThat(services).extracting(Service::serviceId)
                .containsExactly("GBDFL_UniversalServiceSync", "MINIMAL", "IN_A_REGION", "PULLED", "PUSHED_WITH_RECIPIENT");
        assertThat(services.get(2).provider().node()).isTrue();
        assertThat(services.get(3).delivery()).isEqualTo(AsyncDelivery.PULL);
        assertThat(services.get(3).recipient()).contains("ministry-x");
        assertThat(services.get(3).isRecipient("ministry-x")).isTrue();
        assertThat(services.get(3).isRecipient("someone-else")).isFalse();
        assertThat(services.get(4).delivery()).isEqualTo(AsyncDelivery.PUSH);
        assertThat(services.get(4).recipient()).contains("ministry-x");
        assertThat(services.get(1).delivery()).as("the default").isEqualTo(AsyncDelivery.PUSH);
        assertThat(services.get(1).recipient()).isEmpty();
        Service full = services.get(0);
        assertThat(full.provider().url().configured()).isEqualTo("https://gbdfl.example.kz/shep/sync");
        assertThat(full.provider().certificate().certificates()).containsExactly(pki.gateway().certificate());
        assertThat(full.provider().certificate().iin()).contains("123456789011");
        assertThat(full.provider().certificate().bin()).contains("990340000017");
        assertThat(full.provider().timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(full.businessSignatureRequired()).isTrue();
        assertThat(full.mode()).isEqualTo(ServiceMode.SYNC);
        assertThat(full.provider().node()).isFalse();
        assertThat(full.routes()).containsOnlyKeys("ALMATY", "ASTANA");
        Provider almaty = full.provider("ALMATY").orElseThrow();
        assertThat(almaty.node()).as("routeId ALMATY pins the Almaty regional node").isTrue();
        assertThat(almaty.url().configured()).isEqualTo("http://almaty.example.kz:8080/shep");
        assertThat(almaty.certificate().bin()).contains("123456789021");
        assertThat(almaty.timeout()).as("a route without timeout takes the service's").isEqualTo(Duration.ofMillis(2500));
        assertThat(full.provider("ASTANA").orElseThrow().timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(full.provider(null)).contains(full.provider());
        assertThat(full.provider("")).contains(full.provider());
        assertThat(full.provider("NOWHERE")).isEmpty();
        Service minimal = services.get(1);
        assertThat(minimal.provider().timeout()).isEqualTo(ServicesFile.DEFAULT_TIMEOUT);
        assertThat(minimal.businessSignatureRequired()).isFalse();
        assertThat(minimal.mode()).isEqualTo(ServiceMode.SYNC);
        assertThat(minimal.routes()).isEmpty();
    }

    @Test
    void resolvesAbsoluteUrlsAsWritten() {
        assertThat(new ProviderUrl("https://p.example.kz/x").resolve(URI.create("http://127.0.0.1:8080")))
                .isEqualTo(URI.create("https://p.example.kz/x"));
    }

    @Test
    void rejectsMissingUrl() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    bin: \"123456789021\"\n");

        assertRefused(file, ":2: 'services.S' needs 'url' (an absolute http or https URL, or a path on the gateway"
                + " starting with /)");
    }

    @Test
    void rejectsUrlOfAnotherScheme() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    url: ftp://p.example.kz/x\n    bin: \"123456789021\"\n");

        assertRefused(file, ":3: 'services.S.url' must be an absolute http or https URL, or a path on the gateway"
                + " starting with /, got 'ftp://p.example.kz/x'");
    }

    @Test
    void rejectsUrlWithCredentials() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    url: https://u:p@p.example.kz/x\n    bin: \"123456789021\"\n");

        assertRefused(file, ":3: 'services.S.url' must be an absolute http or https URL, or a path on the gateway"
                + " starting with /, got 'https://u:p@p.example.kz/x'");
    }

    @Test
    void rejectsProviderWithoutCertificateBinding() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    url: https://p.example.kz/x\n");

        assertRefused(file, ":2: 'services.S' needs 'certificates', 'iin' or 'bin': which signing certificates are its own");
    }

    @Test
    void rejectsBareNumberTimeout() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    url: /x\n    bin: \"123456789021\"\n    timeout: 10\n");

        assertRefused(file, ":5: 'services.S.timeout' must be a duration greater than 0 with unit ms, s, m, h or d (e.g. 10s), got '10'");
    }

    @Test
    void readsSlaOfSyncAndPushServices() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    url: /x\n    bin: \"123456789021\"\n    sla: 1500ms\n"
                + "  A:\n    url: /y\n    bin: \"123456789021\"\n    mode: async\n    sla: 1m\n  N:\n    url: /z\n    bin: \"123456789021\"\n");

        assertThat(ServicesFile.read(file, dir)).extracting(Service::sla)
                .containsExactly(Optional.of(Duration.ofMillis(1500)), Optional.of(Duration.ofMinutes(1)), Optional.empty());
    }

    @Test
    void rejectsSlaThatIsNoDuration() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    url: /x\n    bin: \"123456789021\"\n    sla: soon\n");

        assertRefused(file, ":5: 'services.S.sla' must be a duration greater than 0 with unit ms, s, m, h or d (e.g. 1m), got 'soon'");
    }

    @Test
    void rejectsSlaOfAPullService() {
        Path file = write(dir.resolve("services.yaml"),
                "services:\n  S:\n    mode: async\n    delivery: pull\n    recipient: r\n    sla: 1m\n");

        assertRefused(file, ":6: 'services.S.sla' is for services whose provider is called (sync, or async with delivery: push)");
    }

    @Test
    void rejectsUnknownMode() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    url: /x\n    bin: \"123456789021\"\n    mode: push\n");

        assertRefused(file, ":5: 'services.S.mode' must be one of sync, async, got 'push'");
    }

    @Test
    void rejectsPullServiceWithoutRecipient() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    mode: async\n    delivery: pull\n");

        assertRefused(file, ":2: 'services.S' needs 'recipient' with 'delivery: pull': the member that fetches its messages");
    }

    @Test
    void rejectsPullServiceWithRoutes() {
        Path file = write(dir.resolve("services.yaml"), """
                services:
                  S:
                    mode: async
                    delivery: pull
                    recipient: ministry-x
                    routes:
                      R1:
                        url: /y
                        bin: "123456789021"
                """);

        assertRefused(file, ":7: 'services.S.routes' is for PUSH services; a PULL service has its one recipient member");
    }

    @Test
    void rejectsDeliveryOfASyncService() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    url: /x\n    bin: \"123456789021\"\n    delivery: pull\n");

        assertRefused(file, ":5: 'services.S.delivery' is for async services only (mode: async)");
    }

    @Test
    void rejectsUnknownDelivery() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    mode: async\n    delivery: poll\n");

        assertRefused(file, ":4: 'services.S.delivery' must be one of push, pull, got 'poll'");
    }

    @Test
    void readsRetryBlockOfAsyncService() {
        Path file = write(dir.resolve("services.yaml"), """
                services:
                  S:
                    url: /x
                    bin: "123456789021"
                    mode: async
                    retry:
                      max-delivery-attempts: 3
                      redelivery-delay: 1m
                  PLAIN:
                    url: /x
                    bin: "123456789021"
                    mode: async
                """);

        List<Service> services = ServicesFile.read(file, dir);

        assertThat(services.get(0).retry()).hasValue(new ServiceRetry(Optional.of(3), Optional.of(Duration.ofMinutes(1)),
                Optional.empty(), Optional.empty()));
        assertThat(services.get(1).retry()).isEmpty();
    }

    @Test
    void rejectsRetryBlockOfSyncService() {
        Path file = write(dir.resolve("services.yaml"),
                "services:\n  S:\n    url: /x\n    bin: \"123456789021\"\n    retry:\n      max-delivery-attempts: 3\n");

        assertRefused(file, ":6: 'services.S.retry' is only for 'mode: async' services (a sync call is never retried)");
    }

    @Test
    void rejectsRetryMaxDelayShorterThanItsDelay() {
        Path file = write(dir.resolve("services.yaml"), """
                services:
                  S:
                    url: /x
                    bin: "123456789021"
                    mode: async
                    retry:
                      redelivery-delay: 10s
                      max-redelivery-delay: 5s
                """);

        assertRefused(file, ":8: 'services.S.retry.max-redelivery-delay' must not be shorter than its 'redelivery-delay' (10s)");
    }

    @Test
    void rejectsUnknownKeyInRoute() {
        Path file = write(dir.resolve("services.yaml"), """
                services:
                  S:
                    url: /x
                    bin: "123456789021"
                    routes:
                      R1:
                        url: /y
                        bin: "123456789021"
                        mode: async
                """);

        assertRefused(file, ":9: unknown key 'services.S.routes.R1.mode' (known keys in 'services.S.routes.R1':"
                + " url, certificates, iin, bin, timeout, node)");
    }

    @Test
    void readsANodeProviderOfAnAsyncPushService() {
        Path file = write(dir.resolve("services.yaml"), """
                services:
                  S:
                    url: http://region.example.kz/bip-async/
                    bin: "990340000041"
                    mode: async
                    node: true
                """);

        assertThat(ServicesFile.read(file, dir).get(0).provider().node()).isTrue();
    }

    @Test
    void rejectsANodeOfAPullService() {
        Path file = write(dir.resolve("services.yaml"), """
                services:
                  S:
                    mode: async
                    delivery: pull
                    recipient: r
                    node: true
                """);

        assertRefused(file, ":6: 'services.S.node' is for services whose provider is called (sync, or async with delivery: push)");
    }

    @Test
    void rejectsServiceThatIsNotAMapping() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S: https://p.example.kz/x\n");

        assertRefused(file, ":2: 'services.S' must be a mapping of keys (url, certificates, iin, bin, timeout,"
                + " business-signature, mode, delivery, recipient, routes, retry, node, disabled, sla), got 'https://p.example.kz/x'");
    }

    @Test
    void rejectsServicesAsAList() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  - S\n");

        assertRefused(file, ":2: 'services' must be a mapping of serviceIds, got a sequence");
    }

    @Test
    void rejectsInvalidYamlWithItsLine() {
        Path file = write(dir.resolve("services.yaml"), "services:\n  S:\n    url: /x\n   bin: 1\n");

        assertThatThrownBy(() -> ServicesFile.read(file, dir)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4: not valid YAML: ");
    }

    private void assertRefused(Path file, String lineAndProblem) {
        assertThatThrownBy(() -> ServicesFile.read(file, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + lineAndProblem);
    }
}
