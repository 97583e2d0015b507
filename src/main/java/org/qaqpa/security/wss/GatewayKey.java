package org.qaqpa.security.wss;

import java.nio.file.Path;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;

/** The gateway's own signing key: the configured keystore, or the development PKI's gateway keystore. */
public final class GatewayKey {

    private GatewayKey() {
    }

    /**
     * Loads the key after {@link GatewayTrust#load} (which creates the development PKI when it is in use).
     *
     * @throws IllegalStateException with a message naming the key and the problem
     */
    public static IssuedCertificate load(GatewayConfig.Security config, Path dataDir) {
        if (config.keystore().isPresent()) {
            String password = System.getenv(config.keystorePasswordEnv());
            if (password == null) {
                throw new IllegalStateException("security.keystore-password-env names " + config.keystorePasswordEnv()
                        + ", which is not set");
            }
            return IssuedCertificate.readPkcs12(Path.of(config.keystore().get()), password.toCharArray());
        }
        if (config.trustDir().isPresent()) {
            throw new IllegalStateException("security.keystore must be set when security.trust-dir is");
        }
        return IssuedCertificate.readPkcs12(dataDir.resolve("pki").resolve("gateway.p12"), DevPki.password());
    }
}
