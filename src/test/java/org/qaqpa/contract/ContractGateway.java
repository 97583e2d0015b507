package org.qaqpa.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway;

/**
 * One gateway for all contract tests, started on first use and closed when the run ends: default
 * configuration, with the members and services of {@code src/test/resources/contract/config/} (the
 * shipped ones plus the providers provider-faults.yaml needs), and {@code CONTRACT_MOCK_SERVICE}
 * served by a mock provider ({@code qaqpa contract mock} of the sync channel's WSDL with the answers
 * of {@code mock/sync-provider/}), started first so that services.yaml can name its port.
 */
public final class ContractGateway implements BeforeAllCallback {

    private static final String KEY = "qaqpa.contractGateway";
    static final String MOCK_SERVICE = "CONTRACT_MOCK_SERVICE";
    private static volatile Started started;

    /** The gateway and the mock provider it routes {@link #MOCK_SERVICE} to. */
    record Started(TestGateway gateway, MockServer mock) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                gateway.close();
            } finally {
                mock.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(KEY, key -> start(), Started.class);
    }

    static TestGateway gateway() {
        return started.gateway();
    }

    static MockServer mock() {
        return started.mock();
    }

    /** The directory of the shipped suites. */
    static Path suitesDir() {
        return TestGateway.projectDir().resolve("src/test/resources/contract");
    }

    /** A runner against the gateway, signing with its development PKI. */
    static SuiteRunner runner() {
        return runner(gateway().gateway().baseUri().toString());
    }

    /** A runner against {@code endpoint}, signing with the gateway's development PKI. */
    static SuiteRunner runner(String endpoint) {
        return new SuiteRunner(Optional.of(endpoint), Map.of(), new RunResources(gateway().dataDir().resolve("pki"), Clock.systemDefaultZone()));
    }

    private static Started start() {
        try {
            Path data = Files.createTempDirectory("qaqpa-contract");
            // the mock signs with the echo key of the PKI the gateway makes in data/pki; it reads the key at its first answer
            MockServer mock = MockServer.start(TestGateway.projectDir().resolve("wsdl/SyncChannel/v10/SyncChannelHttp_Service.wsdl"),
                    Optional.of(suitesDir().resolve("mock/sync-provider")), 0, data, line -> { });
            Path config = suitesDir().resolve("config");
            Path services = Files.writeString(Files.createTempFile("qaqpa-contract-services", ".yaml"),
                    Files.readString(config.resolve("services.yaml")) + "  " + MOCK_SERVICE + ":\n    url: " + mock.baseUrl()
                            + "\n    bin: \"990340000025\"\n");
            GatewayConfig defaults = GatewayConfig.defaults();
            TestGateway gateway = TestGateway.start(defaults.withRegistry(new GatewayConfig.Registry(
                    config.resolve("members.yaml").toString(), services.toString(), defaults.registry().reloadInterval())), data);
            return new Started(gateway, mock);
        } catch (Exception e) {
            throw new IllegalStateException("the contract test gateway did not start", e);
        }
    }
}
