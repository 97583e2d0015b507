package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.e2e.Envelopes.sendMessage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.security.pki.DevCaFiles;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;
import org.qaqpa.security.wss.GatewayTrust;

/**
 * Revocation over HTTP with the sandbox certifying centre: a member whose certificate the centre
 * revoked is refused; with the responder gone, {@code ocsp} mode fails hard, and the default
 * {@code ocsp-then-crl} falls back to the CRL that {@code pki revoke} re-issued.
 */
class RevokedSignerTest {

    @Test
    void refusesASignerRevokedAtTheCertifyingCentre(@TempDir Path data) throws Exception {
        try (TestGateway gateway = TestGateway.start(data)) {
            IssuedCertificate member = gateway.pki().issue(LeafSpec.signing(DevPki.LEGAL_ENTITY_DN, Instant.now()));
            assertThat(post(gateway, member).errorCode()).isEqualTo(ErrorCode.SERVICE_NOT_FOUND.name());

            IssuedCertificate doomed = gateway.pki().issue(LeafSpec.signing(DevPki.LEGAL_ENTITY_DN, Instant.now()));
            revoke(data, doomed);

            assertThat(post(gateway, doomed).errorCode()).isEqualTo(ErrorCode.CERT_REVOKED.name());
        }
    }

    @Test
    void refusesEverySignerWhenTheResponderIsDownInOcspMode(@TempDir Path data) throws Exception {
        GatewayConfig ocspOnly = GatewayConfig.defaults().withSecurity(GatewayConfig.defaults().security()
                .withRevocation("ocsp", Optional.empty()));
        try (TestGateway gateway = TestGateway.start(ocspOnly, data)) {
            gateway.sandbox().close();

            assertThat(gateway.postSigned("/bip-sync/", sendMessage("NO_SUCH_SERVICE", "x")).errorCode())
                    .isEqualTo(ErrorCode.CERT_STATUS_UNKNOWN.name());
        }
    }

    @Test
    void fallsBackToTheReissuedCrlWhenTheResponderIsDown(@TempDir Path data) throws Exception {
        try (TestGateway gateway = TestGateway.start(data)) {
            gateway.sandbox().close();
            IssuedCertificate doomed = gateway.pki().issue(LeafSpec.signing(DevPki.LEGAL_ENTITY_DN, Instant.now()));
            revoke(data, doomed);
            // the CRL files are looked at again at most every two seconds
            Thread.sleep(2100);

            assertThat(gateway.postSigned("/bip-sync/", sendMessage("NO_SUCH_SERVICE", "x")).errorCode())
                    .isEqualTo(ErrorCode.SERVICE_NOT_FOUND.name());
            assertThat(post(gateway, doomed).errorCode()).isEqualTo(ErrorCode.CERT_REVOKED.name());
        }
    }

    private static void revoke(Path data, IssuedCertificate certificate) {
        DevCaFiles.open(data.resolve("pki"), DevPki.DEVELOPMENT_PASSWORD.toCharArray(), Clock.systemUTC())
                .revoke(certificate.certificate().getSerialNumber(), GatewayTrust.DEV_CRL_VALIDITY);
    }

    private static TestGateway.SoapResponse post(TestGateway gateway, IssuedCertificate signer) throws Exception {
        return gateway.post("/bip-sync/", TestGateway.sign(sendMessage("NO_SUCH_SERVICE", "x"), signer)
                .getBytes(StandardCharsets.UTF_8));
    }
}
