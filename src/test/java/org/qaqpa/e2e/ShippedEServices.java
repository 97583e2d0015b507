package org.qaqpa.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.qaqpa.sandbox.eservice.EServiceSandbox;
import org.qaqpa.sandbox.eservice.Portal;
import org.qaqpa.security.pki.DevPki;

/**
 * A gateway with the shipped configuration and the sandbox e-services of {@code config/services/}, for the e-service
 * end-to-end tests of one class ({@code @RegisterExtension static final ShippedEServices shipped = …}): started
 * before its tests in a data directory of its own, closed after them.
 */
final class ShippedEServices implements BeforeAllCallback, AfterAllCallback {

    private TestGateway gateway;
    private EServiceSandbox eservices;
    private Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("qaqpa-eservices");
        gateway = TestGateway.start(dataDir);
        eservices = gateway.startShippedEServices();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        gateway.close();
    }

    TestGateway gateway() {
        return gateway;
    }

    EServiceSandbox eservices() {
        return eservices;
    }

    Portal portal() {
        return eservices.portal();
    }

    DevPki pki() {
        return gateway.pki();
    }

    /** The gateway's data directory (its development PKI in {@code pki/}). */
    Path dataDir() {
        return dataDir;
    }
}
