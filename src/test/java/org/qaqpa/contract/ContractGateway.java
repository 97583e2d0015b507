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
 * shipped ones plus the providers provider-faults.yaml needs).
 */
public final class ContractGateway implements BeforeAllCallback {

    private static final String KEY = "qaqpa.contractGateway";
    private static volatile TestGateway gateway;

    @Override
    public void beforeAll(ExtensionContext context) {
        gateway = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(KEY, key -> startGateway(), TestGateway.class);
    }

    static TestGateway gateway() {
        return gateway;
    }

    /** The directory of the shipped suites. */
    static Path suitesDir() {
        return TestGateway.projectDir().resolve("src/test/resources/contract");
    }

    /** A runner against the gateway, signing with its development PKI. */
    static SuiteRunner runner() {
        return new SuiteRunner(Optional.of(gateway.gateway().baseUri().toString()), Map.of(),
                new RunResources(gateway.dataDir(), Clock.systemDefaultZone()));
    }

    private static TestGateway startGateway() {
        try {
            Path config = suitesDir().resolve("config");
            GatewayConfig defaults = GatewayConfig.defaults();
            return TestGateway.start(defaults.withRegistry(new GatewayConfig.Registry(config.resolve("members.yaml").toString(),
                    config.resolve("services.yaml").toString(), defaults.registry().reloadInterval())),
                    Files.createTempDirectory("qaqpa-contract"));
        } catch (Exception e) {
            throw new IllegalStateException("the contract test gateway did not start", e);
        }
    }
}
