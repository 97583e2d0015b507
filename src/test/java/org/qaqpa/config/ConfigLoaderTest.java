package org.qaqpa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qaqpa.security.pki.DevPki;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shippedDefaultFileLoadsToDefaults() {
        Path projectDir = Path.of(System.getProperty("qaqpa.project.dir", "."));
        assertThat(ConfigLoader.load(projectDir.resolve("config").resolve(ConfigLoader.FILE_NAME)))
                .isEqualTo(GatewayConfig.defaults());
    }

    @Test
    void appliesDefaultsToEmptyFile() throws IOException {
        assertThat(ConfigLoader.load(write(""))).isEqualTo(GatewayConfig.defaults());
    }

    @Test
    void appliesDefaultsToFileWithOnlyComments() throws IOException {
        assertThat(ConfigLoader.load(write("# nothing set\n"))).isEqualTo(GatewayConfig.defaults());
    }

    @Test
    void appliesDefaultsToEmptySectionsAndKeys() throws IOException {
        Path file = write("""
                server:
                  port:
                  public-url: ""
                xml:
                database:
                  url:
                """);
        assertThat(ConfigLoader.load(file)).isEqualTo(GatewayConfig.defaults());
    }

    @Test
    void readsEveryKey() throws IOException {
        Path file = write("""
                server:
                  host: 0.0.0.0
                  port: 0
                  public-url: https://gw.example.kz/shep
                  max-request-size: 1048576
                  idle-timeout: 500ms
                  shutdown-timeout: 0s
                  max-threads: 8
                  tls:
                    enabled: true
                    keystore: /etc/qaqpa/tls/server.p12
                    keystore-password-env: GW_TLS_PASSWORD
                    client-auth: want
                    truststore: /etc/qaqpa/tls/clients.p12
                    truststore-password-env: GW_TLS_TRUST_PASSWORD
                    protocols: [TLSv1.3]
                xml:
                  max-depth: 1
                  max-attributes: 20
                  max-attribute-size: 512B
                  max-children: 10
                  max-elements: 1000
                database:
                  url: jdbc:postgresql://db.example.kz:5432/qaqpa
                  user: qaqpa
                  password-env: QAQPA_DB_PASSWORD
                  pool-size: 20
                  connection-timeout: 3s
                log:
                  store: metadata
                  retention: 7d
                  chain-id: node-a
                routing:
                  routes-dir: /etc/qaqpa/routes
                  tls:
                    truststore: /etc/qaqpa/tls/providers.p12
                    truststore-password-env: GW_PROVIDER_TRUST_PASSWORD
                security:
                  require-signature: false
                  trust-dir: /etc/qaqpa/pki/trust
                  crl-dir: /etc/qaqpa/pki/crl
                  revocation: "off"
                  ocsp-url: http://test.pki.gov.kz/ocsp/
                  revocation-timeout: 2s
                  allow-legacy-sha1: true
                  keystore: /etc/qaqpa/pki/gateway.p12
                  keystore-password-env: GW_P12_PASSWORD
                  jce-provider: org.qaqpa.security.dsig.CountingGostProvider
                registry:
                  members-file: /etc/qaqpa/members.yaml
                  services-file: /etc/qaqpa/services.yaml
                  reload-interval: 0s
                sandbox:
                  enabled: false
                  port: 18081
                replay:
                  window: 2h
                  max-future-skew: 0s
                async:
                  max-delivery-attempts: 3
                  redelivery-delay: 200ms
                  redelivery-multiplier: 3
                  max-redelivery-delay: 1s
                  delivery-consumers: 2
                  pull-lease: 30s
                """);
        assertThat(ConfigLoader.load(file)).isEqualTo(new GatewayConfig(
                new GatewayConfig.Server("0.0.0.0", 0, Optional.of("https://gw.example.kz/shep"), 1_048_576,
                        Duration.ofMillis(500), Duration.ZERO, 8, new GatewayConfig.Tls(true,
                        Optional.of("/etc/qaqpa/tls/server.p12"), "GW_TLS_PASSWORD", "want",
                        Optional.of("/etc/qaqpa/tls/clients.p12"), "GW_TLS_TRUST_PASSWORD", List.of("TLSv1.3"))),
                new GatewayConfig.Xml(1, 20, 512, 10, 1000),
                new GatewayConfig.Database(Optional.of("jdbc:postgresql://db.example.kz:5432/qaqpa"), "qaqpa",
                        Optional.of("QAQPA_DB_PASSWORD"), 20, Duration.ofSeconds(3)),
                new GatewayConfig.Log("metadata", Duration.ofDays(7), "node-a"),
                new GatewayConfig.Routing(Optional.of("/etc/qaqpa/routes"), new GatewayConfig.ProviderTls(
                        Optional.of("/etc/qaqpa/tls/providers.p12"), "GW_PROVIDER_TRUST_PASSWORD")),
                new GatewayConfig.Security(false, Optional.of("/etc/qaqpa/pki/trust"), Optional.of("/etc/qaqpa/pki/crl"),
                        "off", Optional.of("http://test.pki.gov.kz/ocsp/"), Duration.ofSeconds(2), true,
                        Optional.of("/etc/qaqpa/pki/gateway.p12"), "GW_P12_PASSWORD",
                        Optional.of("org.qaqpa.security.dsig.CountingGostProvider"), Optional.empty(), Duration.ofDays(7)),
                new GatewayConfig.Registry("/etc/qaqpa/members.yaml", "/etc/qaqpa/services.yaml", Duration.ZERO),
                new GatewayConfig.Sandbox(false, 18081),
                new GatewayConfig.Replay(Duration.ofHours(2), Duration.ZERO),
                new GatewayConfig.Async(3, Duration.ofMillis(200), 3, Duration.ofSeconds(1), 2, Duration.ofSeconds(30)),
                GatewayConfig.defaults().federation(), GatewayConfig.defaults().admin(), GatewayConfig.defaults().logging()));
    }

    @Test
    void tlsIsOffByDefaultWithBothModernProtocols() {
        GatewayConfig.Tls tls = GatewayConfig.defaults().server().tls();
        assertThat(tls.enabled()).isFalse();
        assertThat(tls.asksClientCertificate()).isFalse();
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(GatewayConfig.defaults().routing().tls().truststore()).as("the JDK's trust store").isEmpty();
    }

    @Test
    void rejectsTlsWithoutKeystore() throws IOException {
        Path file = write("server:\n  tls:\n    enabled: true\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: 'server.tls.enabled' is true, which needs 'server.tls.keystore': the PKCS#12 file"
                        + " with the server's key and certificate chain");
    }

    @Test
    void rejectsClientAuthWithoutTruststore() throws IOException {
        Path file = write("server:\n  tls:\n    enabled: true\n    keystore: s.p12\n    client-auth: need\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":5: 'server.tls.client-auth' is need, which needs 'server.tls.truststore': the PKCS#12"
                        + " file of the CA certificates client certificates must chain to");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "client-auth: required | :3: 'server.tls.client-auth' must be one of none, want, need, got 'required'",
            "protocols: [TLSv1.1] | :3: 'server.tls.protocols' must be a list of TLS protocol (TLSv1.3, TLSv1.2)s, got 'TLSv1.1'",
            "keystore-password-env: my password | :3: 'server.tls.keystore-password-env' must be the name of an environment"
                    + " variable (letters, digits and _), got 'my password'",
            "enabled: yes please | :3: 'server.tls.enabled' must be true or false, got 'yes please'"})
    void rejectsBadTlsValues(String line, String expected) throws IOException {
        Path file = write("server:\n  tls:\n    " + line + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + expected);
    }

    @Test
    void rejectsUnknownRoutingTlsKey() throws IOException {
        Path file = write("routing:\n  tls:\n    trust-store: x.p12\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: unknown key 'routing.tls.trust-store' (known keys in 'routing.tls': truststore,"
                        + " truststore-password-env)");
    }

    @Test
    void readsPullMaxBytes() throws IOException {
        Path file = write("async:\n  pull-max-bytes: 4MiB\n");
        assertThat(ConfigLoader.load(file).async().pullMaxBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(GatewayConfig.defaults().async().pullMaxBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void readsAdminListener() throws IOException {
        Path file = write("admin:\n  host: 10.0.0.5\n  port: 9443\n  token-env: OPS_TOKEN\n  history-interval: 30s\n"
                + "  history-size: 2880\n");
        assertThat(ConfigLoader.load(file).admin()).isEqualTo(new GatewayConfig.Admin("10.0.0.5", 9443, "OPS_TOKEN",
                Duration.ofSeconds(30), 2880, List.of()));
        assertThat(GatewayConfig.defaults().admin()).isEqualTo(new GatewayConfig.Admin("127.0.0.1", 8081, "QAQPA_ADMIN_TOKEN",
                Duration.ofSeconds(10), 360, List.of()));
    }

    @Test
    void rejectsAHistoryIntervalUnderASecond() throws IOException {
        Path file = write("admin:\n  history-interval: 500ms\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: 'admin.history-interval' must be at least 1s: every sample reads the meters and the"
                        + " broker's queues");
    }

    @Test
    void rejectsAHistoryIntervalThatIsNoDuration() throws IOException {
        Path file = write("admin:\n  history-interval: 10\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageStartingWith(file + ":2: 'admin.history-interval' must be"
                + " a duration greater than 0");
    }

    @Test
    void rejectsAHistorySizeOutOfRange() throws IOException {
        Path tooSmall = write("admin:\n  history-size: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(tooSmall)).hasMessageStartingWith(tooSmall + ":2: 'admin.history-size'"
                + " must be an integer between 2 and 8640");
        Path tooLarge = write("admin:\n  history-size: 8641\n");
        assertThatThrownBy(() -> ConfigLoader.load(tooLarge)).hasMessageStartingWith(tooLarge + ":2: 'admin.history-size'"
                + " must be an integer between 2 and 8640");
    }

    @Test
    void readsAdminPeersInFileOrder() throws IOException {
        Path file = write("""
                admin:
                  peers:
                    almaty-region:
                      url: http://10.0.1.5:8081/admin/
                      token-env: ALMATY_ADMIN_TOKEN
                    qaqpa-national:
                      url: https://ops.shep.example.kz/admin/
                      token-env: NATIONAL_ADMIN_TOKEN
                """);
        assertThat(ConfigLoader.load(file).admin().peers()).containsExactly(
                new GatewayConfig.Peer("almaty-region", "http://10.0.1.5:8081/admin/", "ALMATY_ADMIN_TOKEN"),
                new GatewayConfig.Peer("qaqpa-national", "https://ops.shep.example.kz/admin/", "NATIONAL_ADMIN_TOKEN"));
        assertThat(GatewayConfig.defaults().admin().peers()).isEmpty();
    }

    @Test
    void rejectsAdminPeerUrlThatIsNoAdminApi() throws IOException {
        Path file = write("admin:\n  peers:\n    region:\n      url: http://10.0.1.5:8081/\n      token-env: T\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":4: 'admin.peers.region.url' must be the"
                + " node's admin API address, an absolute http or https URL ending in /admin/, got 'http://10.0.1.5:8081/'");
    }

    @Test
    void rejectsAdminPeerWithoutTokenEnv() throws IOException {
        Path file = write("admin:\n  peers:\n    region:\n      url: http://10.0.1.5:8081/admin/\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageStartingWith(file + ":3: 'admin.peers.region' needs"
                + " 'token-env'");
    }

    @Test
    void rejectsAdminPeerTokenItself() throws IOException {
        // a token pasted into the file is no variable name: the file never holds the secret
        Path file = write("admin:\n  peers:\n    region:\n      url: http://10.0.1.5:8081/admin/\n"
                + "      token-env: s3cr3t-t0ken-0f-the-region\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageStartingWith(file + ":5: 'admin.peers.region.token-env'"
                + " must be the name of an environment variable");
    }

    @Test
    void rejectsAdminPeerKeyThatIsUnknown() throws IOException {
        Path file = write("admin:\n  peers:\n    region:\n      url: http://10.0.1.5:8081/admin/\n      token: abc\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageStartingWith(file + ":5: unknown key"
                + " 'admin.peers.region.token'");
    }

    @Test
    void rejectsAdminPortOfTheSoapListener() throws IOException {
        Path file = write("server:\n  port: 9000\nadmin:\n  port: 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":4: 'admin.port' must differ from server.port"
                + " (9000): the admin API has a listener of its own");
    }

    @Test
    void rejectsAdminTokenEnvThatIsNoVariableName() throws IOException {
        Path file = write("admin:\n  token-env: 'my token'\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageStartingWith(file + ":2: 'admin.token-env' must be the name"
                + " of an environment variable");
    }

    @Test
    void rejectsAdminPortOutOfRange() throws IOException {
        Path file = write("admin:\n  port: 70000\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageStartingWith(file + ":2: 'admin.port' must be");
    }

    @Test
    void rejectsPullMaxBytesOfZero() throws IOException {
        Path file = write("async:\n  pull-max-bytes: 0B\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'async.pull-max-bytes' must be a size of at least 1 byte"
                + " (an integer of bytes, or a number with unit B, KiB, MiB or GiB, e.g. 16MiB), got '0B'");
    }

    @Test
    void rejectsMaxRedeliveryDelayShorterThanTheFirstDelay() throws IOException {
        Path file = write("async:\n  redelivery-delay: 10s\n  max-redelivery-delay: 5s\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":3: 'async.max-redelivery-delay' must not be"
                + " shorter than 'async.redelivery-delay' (10s)");
    }

    @Test
    void readsExternalBroker() throws IOException {
        Path file = write("async:\n  broker: external\n  broker-url: tcp://mq.example.kz:61616?sslEnabled=true\n"
                + "  broker-user-env: MQ_USER\n  broker-password-env: MQ_PASSWORD\n");
        assertThat(ConfigLoader.load(file).async()).isEqualTo(GatewayConfig.defaults().async()
                .withExternalBroker("tcp://mq.example.kz:61616?sslEnabled=true", "MQ_USER", "MQ_PASSWORD"));
    }

    @Test
    void rejectsExternalBrokerWithoutUrl() throws IOException {
        Path file = write("async:\n  broker: external\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'async.broker' is external, which needs"
                + " 'async.broker-url' (e.g. tcp://broker.example.kz:61616)");
    }

    @Test
    void rejectsBrokerUrlWithEmbeddedBroker() throws IOException {
        Path file = write("async:\n  broker-url: tcp://mq.example.kz:61616\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'async.broker-url' is only used with"
                + " 'async.broker: external'");
    }

    @Test
    void rejectsBrokerUrlWithPassword() throws IOException {
        Path file = write("async:\n  broker: external\n  broker-url: tcp://mq.example.kz:61616?password=secret\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":3: 'async.broker-url' must not contain a"
                + " password; name environment variables in 'async.broker-user-env' and 'async.broker-password-env' instead");
    }

    @Test
    void rejectsBrokerUrlThatIsNotTcp() throws IOException {
        Path file = write("async:\n  broker: external\n  broker-url: http://mq.example.kz:8161\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":3: 'async.broker-url' must be an Artemis URL"
                + " such as tcp://host:61616, got 'http://mq.example.kz:8161'");
    }

    @Test
    void rejectsJceProviderClassThatIsMissing() throws IOException {
        Path file = write("security:\n  jce-provider: kz.gov.pki.kalkan.jce.provider.KalkanProvider\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'security.jce-provider' names class"
                + " kz.gov.pki.kalkan.jce.provider.KalkanProvider, which is not on the class path"
                + " (put the provider's jar in lib/ or on -cp; empty: Bouncy Castle)");
    }

    @Test
    void rejectsJceProviderClassThatIsNotAProvider() throws IOException {
        Path file = write("security:\n  jce-provider: java.lang.String\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'security.jce-provider' names class"
                + " java.lang.String, which is not a java.security.Provider"
                + " (put the provider's jar in lib/ or on -cp; empty: Bouncy Castle)");
    }

    @Test
    void rejectsJceProviderThatIsNotAClassName() throws IOException {
        Path file = write("security:\n  jce-provider: org.example/Provider\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'security.jce-provider' must be the fully"
                + " qualified name of a java.security.Provider class, got 'org.example/Provider'");
    }

    @Test
    void rejectsBooleanWrittenAsString() throws IOException {
        Path file = write("security:\n  require-signature: \"no\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'security.require-signature' must be"
                + " true or false, got the string \"no\"");
    }

    @Test
    void rejectsUnknownRevocationMode() throws IOException {
        Path file = write("security:\n  revocation: ocsp-maybe\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'security.revocation' must be"
                + " one of ocsp-then-crl, ocsp, crl, off, got 'ocsp-maybe'");
    }

    @ParameterizedTest
    @CsvSource({
        "512,         512",
        "512B,        512",
        "64KiB,       65536",
        "10MiB,       10485760",
        "'10 MiB',    10485760",
        "'\"2MiB\"',  2097152",
        "2GiB,        2147483648",
    })
    void parsesSizes(String written, long bytes) throws IOException {
        Path file = write("server:\n  max-request-size: " + written + "\n");
        assertThat(ConfigLoader.load(file).server().maxRequestSize()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "30s,   PT30S",
        "2m,    PT2M",
        "1h,    PT1H",
        "30d,   PT720H",
    })
    void parsesDurations(String written, Duration expected) throws IOException {
        Path file = write("server:\n  idle-timeout: " + written + "\n");
        assertThat(ConfigLoader.load(file).server().idleTimeout()).isEqualTo(expected);
    }

    @Test
    void rejectsMissingFile() {
        Path file = dir.resolve("qaqpa.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": file not found");
    }

    @Test
    void rejectsDirectory() {
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .hasMessage(dir + ": is a directory, expected a YAML file");
    }

    @Test
    void acceptsFileOfOneMebibyte() throws IOException {
        String filler = "#".repeat(1023) + "\n";
        assertThat(ConfigLoader.load(write(filler.repeat(1024)))).isEqualTo(GatewayConfig.defaults());
    }

    @Test
    void rejectsFileLargerThanOneMebibyte() throws IOException {
        String filler = "#".repeat(1023) + "\n";
        Path file = write(filler.repeat(1024) + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ": file is larger than 1 MiB");
    }

    @Test
    void rejectsUnknownKeyWithLine() throws IOException {
        Path file = write("""
                # gateway
                server:
                  host: 127.0.0.1
                  prot: 8080
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":4: unknown key 'server.prot' (known keys in 'server': host, port, public-url,"
                        + " max-request-size, idle-timeout, shutdown-timeout, max-threads, tls)");
    }

    @Test
    void rejectsUnknownSection() throws IOException {
        Path file = write("server:\n  port: 1\nbroker:\n  embedded: true\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":3: unknown key 'broker' (known sections: server, xml, database, log, routing, security, registry, sandbox, replay, async, federation, admin, logging)");
    }

    @Test
    void rejectsDuplicateKey() throws IOException {
        Path file = write("server:\n  port: 8080\n  host: localhost\n  port: 9090\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":4: duplicate key 'server.port' (first set on line 2)");
    }

    @Test
    void rejectsWrongType() throws IOException {
        Path file = write("server:\n  host: localhost\n  port: abc\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":3: 'server.port' must be an integer between 0 and 65535, got 'abc'");
    }

    @Test
    void rejectsQuotedInteger() throws IOException {
        Path file = write("server:\n  port: \"8080\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2: 'server.port' must be an integer between 0 and 65535, got the string \"8080\"");
    }

    @Test
    void rejectsSequenceWhereScalarExpected() throws IOException {
        Path file = write("xml:\n  max-depth: [1, 2]\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2: 'xml.max-depth' must be an integer of at least 1, got a sequence");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "server.port        | 65536                | an integer between 0 and 65535",
        "server.port        | -1                   | an integer between 0 and 65535",
        "server.port        | 0x1F90               | an integer between 0 and 65535",
        "server.port        | 99999999999999999999 | an integer between 0 and 65535",
        "server.max-threads | 7                    | an integer of at least 8",
        "xml.max-depth      | 0                    | an integer of at least 1",
        "xml.max-attributes | 0                    | an integer of at least 1",
        "xml.max-children   | 1.5                  | an integer of at least 1",
    })
    void rejectsIntegerOutOfRange(String key, String written, String expected) throws IOException {
        String[] sectionAndKey = key.split("\\.");
        Path file = write(sectionAndKey[0] + ":\n  " + sectionAndKey[1] + ": " + written + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2: '" + key + "' must be " + expected + ", got '" + written + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0     | got '0'",
        "10MB  | got '10MB'",
        "1.5MiB | got '1.5MiB'",
        "-5    | got '-5'",
        "'\"1024\"' | got the string \"1024\"",
        "99999999999GiB | got '99999999999GiB'",
    })
    void rejectsBadSize(String written, String got) throws IOException {
        Path file = write("server:\n  max-request-size: " + written + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'server.max-request-size' must be"
                + " a size of at least 1 byte (an integer of bytes, or a number with unit B, KiB, MiB or GiB,"
                + " e.g. 10MiB), " + got);
    }

    @Test
    void rejectsAttributeSizeBeyondInt() throws IOException {
        Path file = write("xml:\n  max-attribute-size: 2GiB\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'xml.max-attribute-size' must be"
                + " a size from 1 to 2147483647 bytes (an integer of bytes, or a number with unit B, KiB, MiB or GiB,"
                + " e.g. 64KiB), got '2GiB'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "30     | got '30'",
        "30sec  | got '30sec'",
        "0s     | got '0s'",
        "-1s    | got '-1s'",
        "1.5s   | got '1.5s'",
    })
    void rejectsBadDuration(String written, String got) throws IOException {
        Path file = write("server:\n  idle-timeout: " + written + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'server.idle-timeout' must be"
                + " a duration greater than 0 with unit ms, s, m, h or d (e.g. 30s), " + got);
    }

    @Test
    void readsKeyRotationGrace() throws IOException {
        assertThat(GatewayConfig.defaults().security().keyRotationGrace()).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigLoader.load(write("security:\n  key-rotation-grace: 36h\n")).security().keyRotationGrace())
                .isEqualTo(Duration.ofHours(36));
        assertThat(ConfigLoader.load(write("security:\n  key-rotation-grace: 0s\n")).security().keyRotationGrace())
                .isZero();
    }

    @Test
    void rejectsABadKeyRotationGrace() throws IOException {
        Path file = write("security:\n  key-rotation-grace: a week\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: 'security.key-rotation-grace' must be a duration with unit ms, s, m, h or d"
                        + " (e.g. 7d), got 'a week'");
    }

    @Test
    void readsLoggingFormat() throws IOException {
        assertThat(ConfigLoader.load(write("logging:\n  format: json\n")).logging())
                .isEqualTo(new GatewayConfig.Logging(GatewayConfig.Logging.JSON));
        assertThat(GatewayConfig.defaults().logging().format()).isEqualTo(GatewayConfig.Logging.TEXT);
    }

    @Test
    void rejectsUnknownLoggingFormat() throws IOException {
        Path file = write("logging:\n  format: xml\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'logging.format' must be"
                + " one of text, json, got 'xml'");
    }

    @Test
    void rejectsUnknownLoggingKey() throws IOException {
        Path file = write("logging:\n  level: debug\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("logging.level");
    }

    @Test
    void rejectsUnknownLogStoreMode() throws IOException {
        Path file = write("log:\n  store: bodies\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'log.store' must be"
                + " one of all, metadata, got 'bodies'");
    }

    @Test
    void rejectsALogChainIdThatDoesNotFitTheColumn() throws IOException {
        Path file = write("log:\n  chain-id: node a\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'log.chain-id' must be"
                + " 1 to 40 letters, digits, '.', '_' or '-', got 'node a'");
    }

    @Test
    void rejectsTheOperatorChainAsANodesChain() throws IOException {
        Path file = write("log:\n  chain-id: operator\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageStartingWith(file + ":2: 'log.chain-id'")
                .hasMessageContaining("chain of operator actions");
    }

    @Test
    void rejectsAPoolOfOneConnection() throws IOException {
        Path file = write("database:\n  pool-size: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageStartingWith(file + ":2: 'database.pool-size'");
    }

    @Test
    void rejectsAConnectionTimeoutHikariWouldRefuse() throws IOException {
        Path file = write("database:\n  connection-timeout: 100ms\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'database.connection-timeout'"
                + " must be at least 250ms");
    }

    @Test
    void rejectsZeroLogRetentionNamingDaysInTheExample() throws IOException {
        Path file = write("log:\n  retention: 0d\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'log.retention' must be"
                + " a duration greater than 0 with unit ms, s, m, h or d (e.g. 30d), got '0d'");
    }

    @Test
    void rejectsZeroReplayWindow() throws IOException {
        Path file = write("replay:\n  window: 0s\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'replay.window' must be"
                + " a duration greater than 0 with unit ms, s, m, h or d (e.g. 1d), got '0s'");
    }

    @Test
    void rejectsNonHttpPublicUrl() throws IOException {
        Path file = write("server:\n  public-url: ftp://gw.example.kz/\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file
                + ":2: 'server.public-url' must be an absolute http or https URL, got 'ftp://gw.example.kz/'");
    }

    @Test
    void rejectsRelativePublicUrl() throws IOException {
        Path file = write("server:\n  public-url: /bip-sync\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file
                + ":2: 'server.public-url' must be an absolute http or https URL, got '/bip-sync'");
    }

    @Test
    void rejectsNonJdbcUrl() throws IOException {
        Path file = write("database:\n  url: postgresql://db/qaqpa\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file
                + ":2: 'database.url' must be a JDBC URL starting with 'jdbc:', got 'postgresql://db/qaqpa'");
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:postgresql://db/qaqpa?user=q&password=secret",
        "jdbc:postgresql://q:secret@db/qaqpa",
    })
    void rejectsPasswordInDatabaseUrl(String url) throws IOException {
        Path file = write("database:\n  user: q\n  url: " + url + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":3: 'database.url' must not contain"
                + " a password; name an environment variable in 'database.password-env' instead");
    }

    @Test
    void rejectsPasswordEnvThatIsNotAName() throws IOException {
        Path file = write("database:\n  password-env: s3cr3t!\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'database.password-env' must be"
                + " the name of an environment variable (letters, digits and _), got 's3cr3t!'");
    }

    @Test
    void rejectsEnvironmentSubstitution() throws IOException {
        Path file = write("database:\n  user: ${DB_USER}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'database.user' uses ${...}"
                + " substitution, which is not supported; secrets come from the environment variable named by"
                + " 'database.password-env'");
    }

    @Test
    void rejectsEmptyHost() throws IOException {
        Path file = write("server:\n  host: ''\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2: 'server.host' must be a host name or IP address, got the string \"\"");
    }

    @Test
    void rejectsTopLevelThatIsNotAMapping() throws IOException {
        Path file = write("- server\n- xml\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":1: the top level must be a mapping"
                + " of sections (server, xml, database, log, routing, security, registry, sandbox, replay, async, federation, admin, logging), got a sequence");
    }

    @Test
    void rejectsSectionThatIsNotAMapping() throws IOException {
        Path file = write("xml: strict\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":1: 'xml' must be a mapping of keys"
                + " (max-depth, max-attributes, max-attribute-size, max-children, max-elements), got 'strict'");
    }

    @Test
    void rejectsMalformedYaml() throws IOException {
        Path file = write("server:\n  host: localhost\n   port: 8080\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":3: not valid YAML: mapping values are not allowed here");
    }

    @Test
    void rejectsUnclosedQuote() throws IOException {
        Path file = write("server:\n  host: 'localhost\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":3: not valid YAML: found unexpected end of stream");
    }

    @Test
    void rejectsSecondDocument() throws IOException {
        Path file = write("server:\n  port: 1\n---\nserver:\n  port: 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":3: not valid YAML: but found another document");
    }

    @Test
    void rejectsControlCharacter() throws IOException {
        Path file = write("server:\n  host: a\u0001b\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2: not valid YAML: special characters are not allowed");
    }

    @Test
    void rejectsEscapedControlCharacter() throws IOException {
        Path file = write("server:\n  host: \"a\\u0001b\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2: 'server.host' must be a host name or IP address, got the string \"a\\u0001b\"");
    }

    @Test
    void rejectsInvalidUtf8() throws IOException {
        Path file = dir.resolve("qaqpa.yaml");
        Files.write(file, new byte[] {'x', 'm', 'l', ':', '\n', ' ', ' ', (byte) 0xC3, '\n'});
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: not valid UTF-8");
    }

    @Test
    void rejectsAlias() throws IOException {
        Path file = write("""
                server:
                  max-threads: &threads 64
                xml:
                  max-children: *threads
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file
                + ":2: 'server.max-threads' has YAML anchor '&threads'; anchors and aliases are not allowed");
    }

    @Test
    void rejectsAnchorOnSection() throws IOException {
        Path file = write("server: &s\n  port: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":1: 'server' has YAML anchor '&s'; anchors and aliases are not allowed");
    }

    @Test
    void rejectsAliasBomb() throws IOException {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            String previous = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(10, previous))).append("]\n");
        }
        Path file = write(yaml.toString());
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":1: 'a0' has YAML anchor '&a0'; anchors and aliases are not allowed");
    }

    @Test
    void rejectsAliasWithoutAnchor() throws IOException {
        Path file = write("server:\n  port: 1\nxml:\n  max-depth: *depth\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":4: 'xml.max-depth' uses YAML alias '*depth'; anchors and aliases are not allowed");
    }

    @Test
    void rejectsMergeKey() throws IOException {
        Path file = write("server:\n  host: localhost\n  <<: {port: 1}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":3: 'server.<<' uses the YAML merge key '<<', which is not allowed");
    }

    @Test
    void rejectsKeyThatIsNotAName() throws IOException {
        Path file = write("server:\n  ? [port]\n  : 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2: keys in 'server' must be plain names, got a sequence");
    }

    @Test
    void rejectsUnsupportedTag() throws IOException {
        Path file = write("database:\n  user: !secret admin\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2: 'database.user' has unsupported YAML tag '!secret'");
    }

    @Test
    void rejectsDeepNesting() throws IOException {
        Path file = write("server: " + "[".repeat(100_000) + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file
                + ":1: nested deeper than 10 levels; a Qaqpa config file needs at most 4");
    }

    @Test
    void keepsLongOrMultilineValuesOnOneLine() throws IOException {
        Path file = write("server:\n  port: \"80\\n80" + "0".repeat(100) + "\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2: 'server.port' must be an integer between 0 and 65535, got the string \"80\\n80"
                        + "0".repeat(55) + "...\"");
    }

    @Test
    void shippedRegionalFileIsARegionalNodeOfTheNationalOne() {
        Path projectDir = Path.of(System.getProperty("qaqpa.project.dir", "."));
        GatewayConfig regional = ConfigLoader.load(ConfigLoader.fileOf(projectDir.resolve("config"), "regional"));

        assertThat(regional.federation().regional()).isTrue();
        assertThat(regional.federation().senderId()).isEqualTo("dev-region");
        assertThat(regional.federation().upstream().orElseThrow().url()).isEqualTo("http://127.0.0.1:8080/bip-sync/");
        assertThat(regional.server().port()).isNotEqualTo(GatewayConfig.defaults().server().port());
        assertThat(regional.admin().port()).isNotEqualTo(GatewayConfig.defaults().admin().port());
        assertThat(regional.admin().peers()).containsExactly(new GatewayConfig.Peer("qaqpa-national",
                "http://127.0.0.1:8081/admin/", "QAQPA_ADMIN_TOKEN"));
        assertThat(regional.registry().membersFile()).isNotEqualTo(GatewayConfig.defaults().registry().membersFile());
    }

    @Test
    void readsARegionalNode() throws Exception {
        Path pem = dir.resolve("national.cer");
        Files.write(pem, DevPki.generate(Clock.systemUTC()).gateway().certificate().getEncoded());
        Path file = write("""
                federation:
                  profile: regional
                  sender-id: almaty-region
                  password-env: ALMATY_PASSWORD
                  upstream:
                    url: https://shep.example.kz/bip-sync/
                    certificate: %s
                    bin: "990340000017"
                    timeout: 45s
                security:
                  dev-pki-dir: /srv/national/data/pki
                """.formatted(pem));

        GatewayConfig config = ConfigLoader.load(file);

        assertThat(config.federation()).isEqualTo(new GatewayConfig.Federation("regional", "almaty-region", "ALMATY_PASSWORD",
                Optional.of(new GatewayConfig.Upstream("https://shep.example.kz/bip-sync/", Optional.of(pem.toString()),
                        Optional.of("990340000017"), Duration.ofSeconds(45)))));
        assertThat(config.security().devPkiDir()).contains("/srv/national/data/pki");
    }

    @Test
    void rejectsARegionalNodeWithoutUpstream() throws IOException {
        Path file = write("federation:\n  profile: regional\n  sender-id: almaty-region\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'federation.profile' is regional, which"
                + " needs 'federation.upstream.url': the national gateway's /bip-sync/ address");
    }

    @Test
    void rejectsARegionalNodeWithoutItsOwnSenderId() throws IOException {
        Path file = write("federation:\n  profile: regional\n  upstream:\n    url: http://127.0.0.1:8080/bip-sync/\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2: 'federation.profile' is regional, which"
                + " needs 'federation.sender-id': the node's senderId at the national gateway");
    }

    @Test
    void rejectsARegionalNodeWithoutSignatures() throws IOException {
        Path file = write("security:\n  require-signature: false\nfederation:\n  profile: regional\n  sender-id: r\n"
                + "  upstream:\n    url: http://127.0.0.1:8080/bip-sync/\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":4: 'federation.profile' is regional, which"
                + " needs 'security.require-signature: true': the upstream's answers are always verified");
    }

    @Test
    void rejectsAnUpstreamOfTheNationalNode() throws IOException {
        Path file = write("federation:\n  upstream:\n    url: http://127.0.0.1:8080/bip-sync/\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":3: 'federation.upstream' is only for"
                + " 'federation.profile: regional' (the national node has no upstream)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "  profile: district|2|'federation.profile' must be one of national, regional, got 'district'",
            "sender-id: a b|2|'federation.sender-id' must be a senderId (up to 128 letters, digits and _ . : @ -), got 'a b'",
            "password-env: 1X|2|'federation.password-env' must be the name of an environment variable (letters, digits and _), got '1X'",
    })
    void rejectsBadFederationValues(String line, int lineNumber, String problem) throws IOException {
        Path file = write("federation:\n  " + line + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":" + lineNumber + ": " + problem);
    }

    @Test
    void rejectsAnUnreadableUpstreamCertificate() throws IOException {
        Path missing = dir.resolve("missing.pem");
        Path file = write("federation:\n  profile: regional\n  sender-id: r\n  upstream:\n    url: http://127.0.0.1:8080/bip-sync/\n"
                + "    certificate: " + missing + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":6: 'federation.upstream.certificate' names "
                + missing + ", which cannot be read (file not found)");
    }

    @Test
    void rejectsAnUpstreamWithoutCertificateOnProductionTrust() throws IOException {
        Path file = write("security:\n  trust-dir: /etc/qaqpa/trust\n  keystore: /etc/qaqpa/region.p12\nfederation:\n"
                + "  profile: regional\n  sender-id: r\n  upstream:\n    url: https://shep.example.kz/bip-sync/\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":8: 'federation.upstream' needs 'certificate' or"
                + " 'bin' when 'security.trust-dir' is set: which certificate the national gateway's answers must be signed with");
    }

    @Test
    void rejectsAnotherNodesPkiBesideProductionTrust() throws IOException {
        Path file = write("security:\n  trust-dir: /etc/qaqpa/trust\n  keystore: /etc/qaqpa/gw.p12\n  dev-pki-dir: /tmp/pki\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":4: 'security.dev-pki-dir' is for the"
                + " development PKI, which is not used when 'security.trust-dir' is set");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("qaqpa.yaml"), yaml, StandardCharsets.UTF_8);
    }
}
