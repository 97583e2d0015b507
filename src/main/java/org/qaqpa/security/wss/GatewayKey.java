package org.qaqpa.security.wss;

import java.nio.file.Files;
import java.nio.file.Path;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * The gateway's own signing key: the configured keystore, or the development PKI's keystore of the node's
 * profile — {@code gateway.p12} for the national node, {@code region.p12} for a regional node.
 */
public final class GatewayKey {

    private GatewayKey() {
    }

    /**
     * Loads the key after {@link GatewayTrust#validator} (which creates the development PKI when it is in use).
     *
     * @throws IllegalStateException with a message naming the key and the problem
     */
    public static IssuedCertificate load(GatewayConfig gatewayConfig, Path dataDir) {
        GatewayConfig.Security config = gatewayConfig.security();
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
        Path keystore = GatewayTrust.developmentPkiDir(gatewayConfig, dataDir).resolve(developmentKeystore(gatewayConfig));
        if (!Files.exists(keystore)) {
            throw new IllegalStateException("the development PKI has no " + keystore + " (made before regional nodes"
                    + " existed): delete that PKI directory and start the national node again to have it made anew");
        }
        return IssuedCertificate.readPkcs12(keystore, DevPki.password());
    }

    /** The development PKI's keystore a node of this profile signs with. */
    static String developmentKeystore(GatewayConfig config) {
        return config.federation().regional() ? "region.p12" : "gateway.p12";
    }
}
