package org.qaqpa.security.wss;

import java.nio.file.Files;
import java.nio.file.Path;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * The gateway's signing key: the configured keystore, or the development PKI's keystore of the node's
 * profile — {@code gateway.p12} for the national node, {@code region.p12} for a regional node. A key rotated
 * through the admin API is written back to the same file ({@link KeyRotation}), so a restart keeps it.
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
        Path keystore = keystoreFile(gatewayConfig, dataDir);
        if (gatewayConfig.security().keystore().isEmpty() && !Files.exists(keystore)) {
            throw new IllegalStateException("the development PKI has no " + keystore + " (made before regional nodes"
                    + " existed): delete that PKI directory and start the national node again to have it made anew");
        }
        return IssuedCertificate.readPkcs12(keystore, password(gatewayConfig));
    }

    /** The file the key is read from at start (and a rotated key written to). */
    static Path keystoreFile(GatewayConfig gatewayConfig, Path dataDir) {
        GatewayConfig.Security config = gatewayConfig.security();
        if (config.keystore().isPresent()) {
            return Path.of(config.keystore().get());
        }
        if (config.trustDir().isPresent()) {
            throw new IllegalStateException("security.keystore must be set when security.trust-dir is");
        }
        return GatewayTrust.developmentPkiDir(gatewayConfig, dataDir).resolve(developmentKeystore(gatewayConfig));
    }

    /**
     * The password of {@link #keystoreFile}: from the variable {@code security.keystore-password-env}, or the
     * development PKI's.
     */
    static char[] password(GatewayConfig gatewayConfig) {
        GatewayConfig.Security config = gatewayConfig.security();
        if (config.keystore().isEmpty()) {
            return DevPki.password();
        }
        String password = System.getenv(config.keystorePasswordEnv());
        if (password == null) {
            throw new IllegalStateException("security.keystore-password-env names " + config.keystorePasswordEnv()
                    + ", which is not set");
        }
        return password.toCharArray();
    }

    /**
     * The development PKI's PEM copy of the certificate of {@link #keystoreFile} ({@code gateway-cert.pem}), which
     * regional nodes on that PKI bind the national node's answers to; empty with a configured keystore.
     */
    static java.util.Optional<Path> developmentCertificateFile(GatewayConfig gatewayConfig, Path dataDir) {
        if (gatewayConfig.security().keystore().isPresent()) {
            return java.util.Optional.empty();
        }
        String keystore = developmentKeystore(gatewayConfig);
        return java.util.Optional.of(GatewayTrust.developmentPkiDir(gatewayConfig, dataDir)
                .resolve(keystore.substring(0, keystore.length() - ".p12".length()) + "-cert.pem"));
    }

    /** The development PKI's keystore a node of this profile signs with. */
    static String developmentKeystore(GatewayConfig config) {
        return config.federation().regional() ? "region.p12" : "gateway.p12";
    }
}
