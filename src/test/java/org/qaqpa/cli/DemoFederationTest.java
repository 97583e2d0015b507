package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.GatewayConfig;

/** The demo's two nodes, as the shipped config files make them, ask each other for the log detail's timeline. */
class DemoFederationTest {

    private static final Path CONFIG = Path.of(System.getProperty("qaqpa.project.dir", ".")).resolve("config");

    @Test
    void makesTheShippedNodesPeersOfEachOther() {
        GatewayConfig national = ConfigLoader.load(ConfigLoader.fileOf(CONFIG, GatewayConfig.Federation.NATIONAL));
        GatewayConfig regional = ConfigLoader.load(ConfigLoader.fileOf(CONFIG, GatewayConfig.Federation.REGIONAL));

        assertThat(DemoFederation.asking(national, regional).admin().peers()).containsExactly(
                new GatewayConfig.Peer("dev-region", "http://127.0.0.1:8091/admin/", "QAQPA_ADMIN_TOKEN"));
        assertThat(DemoFederation.asking(regional, national).admin().peers()).containsExactly(
                new GatewayConfig.Peer("qaqpa-national", "http://127.0.0.1:8081/admin/", "QAQPA_ADMIN_TOKEN"));
    }

    @Test
    void keepsThePeersAFileNames() {
        GatewayConfig named = GatewayConfig.defaults().withAdmin(GatewayConfig.defaults().admin().withPeers(
                List.of(new GatewayConfig.Peer("almaty", "http://10.0.1.5:8081/admin/", "ALMATY_TOKEN"))));

        assertThat(DemoFederation.asking(named, GatewayConfig.defaults()).admin().peers())
                .extracting(GatewayConfig.Peer::name).containsExactly("almaty");
    }
}
