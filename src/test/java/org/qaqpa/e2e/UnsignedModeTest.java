package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.e2e.Envelopes.bytes;
import static org.qaqpa.e2e.Envelopes.sendMessage;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.error.ErrorCode;

/**
 * With {@code security.require-signature: false} unsigned requests reach routing, and the envelope
 * is read straight from the stream: the one-operation rule holds there too.
 */
class UnsignedModeTest {

    @Test
    void unsignedRequestsReachRoutingAndTheBodyRulesStillHold(@TempDir Path data) throws Exception {
        GatewayConfig defaults = GatewayConfig.defaults();
        GatewayConfig.Security security = defaults.security();
        GatewayConfig unsigned = defaults.withSecurity(new GatewayConfig.Security(false, security.trustDir(), security.crlDir(),
                security.revocation(), security.ocspUrl(), security.revocationTimeout(), security.allowLegacySha1(),
                security.keystore(), security.keystorePasswordEnv(), security.jceProvider(), security.devPkiDir(),
                security.keyRotationGrace()));
        try (TestGateway gateway = TestGateway.start(unsigned, data)) {
            assertThat(gateway.post("/bip-sync/", bytes(sendMessage("NO_SUCH_SERVICE", "x"))).errorCode())
                    .isEqualTo(ErrorCode.SERVICE_NOT_FOUND.name());
            String twice = sendMessage("X", "x").replaceFirst("(?s)(<ns2:SendMessage.*</ns2:SendMessage>)", "$1$1");
            assertThat(gateway.post("/bip-sync/", bytes(twice)).errorCode()).isEqualTo(ErrorCode.MESSAGE_INVALID.name());
            String trailing = sendMessage("X", "x").replace("</ns2:SendMessage>", "</ns2:SendMessage>text");
            assertThat(gateway.post("/bip-sync/", bytes(trailing)).errorCode()).isEqualTo(ErrorCode.MESSAGE_INVALID.name());
        }
    }
}
