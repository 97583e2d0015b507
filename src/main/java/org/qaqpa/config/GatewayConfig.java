package org.qaqpa.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The validated content of {@code qaqpa.yaml}: every key with its default already applied.
 */
public record GatewayConfig(Server server, Xml xml, Database database, Routing routing, Security security,
                            Registry registry) {

    /** HTTP listener settings ({@code server.*}). */
    public record Server(
            String host,
            int port,
            Optional<String> publicUrl,
            long maxRequestSize,
            Duration idleTimeout,
            Duration shutdownTimeout,
            int maxThreads) {

        /** Returns a copy listening on another port (used by {@code run --port}). */
        public Server withPort(int newPort) {
            return new Server(host, newPort, publicUrl, maxRequestSize, idleTimeout, shutdownTimeout, maxThreads);
        }
    }

    /** Parser limits applied to every inbound document ({@code xml.*}). */
    public record Xml(int maxDepth, int maxAttributes, int maxAttributeSize, int maxChildren, int maxElements) {
    }

    /** Message-log and registry database ({@code database.*}); empty URL means H2 in the data directory. */
    public record Database(Optional<String> url, String user, Optional<String> passwordEnv) {
    }

    /**
     * Where the Camel YAML routes come from ({@code routing.*}). Empty: {@code ./routes} when that
     * directory exists, else the routes built into the jar; a named directory must exist.
     */
    public record Routing(Optional<String> routesDir) {
    }

    /**
     * How requests are authenticated ({@code security.*}). Without a trust directory the gateway
     * creates (once) and trusts a development PKI in {@code <data>/pki}.
     */
    public record Security(boolean requireSignature, Optional<String> trustDir, Optional<String> crlDir,
                           String revocation, boolean allowLegacySha1, Optional<String> keystore,
                           String keystorePasswordEnv) {
    }

    /**
     * The member and service registries ({@code registry.*}): their files, resolved against the working
     * directory, and how often they are checked for changes ({@code Duration.ZERO}: never reloaded).
     */
    public record Registry(String membersFile, String servicesFile, Duration reloadInterval) {
    }

    /** The configuration used when {@code qaqpa.yaml} sets nothing. */
    public static GatewayConfig defaults() {
        return new GatewayConfig(
                new Server("127.0.0.1", 8080, Optional.empty(), 10L * 1024 * 1024,
                        Duration.ofSeconds(30), Duration.ofSeconds(10), 200),
                new Xml(100, 500, 64 * 1024, 50_000, 200_000),
                new Database(Optional.empty(), "sa", Optional.empty()),
                new Routing(Optional.empty()),
                new Security(true, Optional.empty(), Optional.empty(), "crl", false, Optional.empty(),
                        "QAQPA_KEYSTORE_PASSWORD"),
                new Registry("config/members.yaml", "config/services.yaml", Duration.ofSeconds(5)));
    }

    /** Returns a copy with another HTTP port. */
    public GatewayConfig withPort(int port) {
        return new GatewayConfig(server.withPort(port), xml, database, routing, security, registry);
    }
}
