package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;

/** With {@code server.public-url} set, served WSDLs name the public address, not the local one. */
class PublicUrlTest {

    @Test
    void servedWsdlsCarryThePublicAddress(@TempDir Path data) throws Exception {
        GatewayConfig defaults = GatewayConfig.defaults();
        GatewayConfig.Server server = defaults.server();
        GatewayConfig behindProxy = new GatewayConfig(new GatewayConfig.Server(server.host(), server.port(),
                Optional.of("https://shep.example.kz/"), server.maxRequestSize(), server.idleTimeout(),
                server.shutdownTimeout(), server.maxThreads()), defaults.xml(), defaults.database(), defaults.log(), defaults.routing(),
                defaults.security(), defaults.registry(), defaults.sandbox(), defaults.replay(), defaults.async(),
                defaults.federation(), defaults.admin(), defaults.logging());
        try (TestGateway gateway = TestGateway.start(behindProxy, data)) {
            assertThat(gateway.get("/bip-sync/?wsdl").body())
                    .contains("<soap:address location=\"https://shep.example.kz/bip-sync/\"/>");
            assertThat(gateway.get("/bip-async/?wsdl").body())
                    .contains("<soap:address location=\"https://shep.example.kz/bip-async/\"/>");
        }
    }
}
