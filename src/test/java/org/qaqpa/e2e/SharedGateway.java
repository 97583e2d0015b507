package org.qaqpa.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One gateway with default configuration shared by the end-to-end classes that only read from it,
 * started on first use and closed when the test run ends (the root store closes it).
 */
public final class SharedGateway implements BeforeAllCallback {

    private static final String KEY = "qaqpa.sharedGateway";
    private static volatile TestGateway gateway;

    @Override
    public void beforeAll(ExtensionContext context) {
        gateway = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(KEY, key -> startGateway(), TestGateway.class);
    }

    public static TestGateway gateway() {
        return gateway;
    }

    private static TestGateway startGateway() {
        try {
            Path data = Files.createTempDirectory("qaqpa-e2e");
            return TestGateway.start(data);
        } catch (Exception e) {
            throw new IllegalStateException("the shared test gateway did not start", e);
        }
    }
}
