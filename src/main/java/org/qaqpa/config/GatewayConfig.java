package org.qaqpa.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.qaqpa.log.MessageLog;
import org.qaqpa.xml.XmlLimits;

/**
 * The validated content of {@code qaqpa.yaml}: every key with its default already applied.
 */
public record GatewayConfig(Server server, Xml xml, Database database, Log log, Routing routing, Security security,
                            Registry registry, Sandbox sandbox, Replay replay, Async async, Federation federation,
                            Admin admin, Logging logging) {


    /**
     * The process's own log ({@code logging.*}; the message log is {@code log.*}): {@value Logging#TEXT} lines as
     * {@code 2026-12-06T00:33:40.017Z [WARN] GatewayTrust - message}, or one JSON object per line
     * ({@value Logging#JSON}) with the sessionId and messageId of the exchange being processed.
     */
    public record Logging(String format) {

        public static final String TEXT = "text";
        public static final String JSON = "json";

        public static Logging defaults() {
            return new Logging(TEXT);
        }

        public boolean json() {
            return JSON.equals(format);
        }
    }

    /** HTTP listener settings ({@code server.*}); {@code tls} makes it an HTTPS listener. */
    public record Server(
            String host,
            int port,
            Optional<String> publicUrl,
            long maxRequestSize,
            Duration idleTimeout,
            Duration shutdownTimeout,
            int maxThreads,
            Tls tls) {

        /** A plain HTTP listener. */
        public Server(String host, int port, Optional<String> publicUrl, long maxRequestSize, Duration idleTimeout,
                      Duration shutdownTimeout, int maxThreads) {
            this(host, port, publicUrl, maxRequestSize, idleTimeout, shutdownTimeout, maxThreads, Tls.off());
        }

        /** Returns a copy listening on another port (used by {@code run --port}). */
        public Server withPort(int newPort) {
            return new Server(host, newPort, publicUrl, maxRequestSize, idleTimeout, shutdownTimeout, maxThreads, tls);
        }

        /** Returns a copy with other TLS settings. */
        public Server withTls(Tls newTls) {
            return new Server(host, port, publicUrl, maxRequestSize, idleTimeout, shutdownTimeout, maxThreads, newTls);
        }
    }

    /**
     * TLS of the SOAP listener ({@code server.tls.*}): the server key and certificate chain in the PKCS#12
     * {@code keystore}, its password in the environment variable {@code keystorePasswordEnv} (never in the file);
     * whether clients are asked for a certificate ({@code clientAuth} {@code none|want|need}), trusted when it chains
     * to a certificate of the PKCS#12 {@code truststore}; only the named {@code protocols} (TLSv1.3, TLSv1.2).
     */
    public record Tls(boolean enabled, Optional<String> keystore, String keystorePasswordEnv, String clientAuth,
                      Optional<String> truststore, String truststorePasswordEnv, List<String> protocols) {

        public static final String CLIENT_AUTH_NONE = "none";
        public static final String CLIENT_AUTH_WANT = "want";
        public static final String CLIENT_AUTH_NEED = "need";
        /** The protocols TLS may use at all; the default of {@code server.tls.protocols}. */
        public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

        public Tls {
            protocols = List.copyOf(protocols);
        }

        /** Plain HTTP (the default). */
        public static Tls off() {
            return new Tls(false, Optional.empty(), "QAQPA_TLS_KEYSTORE_PASSWORD", CLIENT_AUTH_NONE, Optional.empty(),
                    "QAQPA_TLS_TRUSTSTORE_PASSWORD", PROTOCOLS);
        }

        /** Whether clients are asked for a certificate at all. */
        public boolean asksClientCertificate() {
            return enabled && !CLIENT_AUTH_NONE.equals(clientAuth);
        }
    }

    /** The limits every inbound document is parsed with: {@code server.max-request-size} and {@code xml.*}. */
    public XmlLimits xmlLimits() {
        return new XmlLimits(server.maxRequestSize(), xml.maxDepth(), xml.maxAttributes(), xml.maxAttributeSize(),
                xml.maxChildren(), xml.maxElements());
    }

    /** Parser limits applied to every inbound document ({@code xml.*}). */
    public record Xml(int maxDepth, int maxAttributes, int maxAttributeSize, int maxChildren, int maxElements) {
    }

    /**
     * Message-log and registry database ({@code database.*}); empty URL means H2 in the data directory.
     * {@code poolSize} caps the gateway's connections; {@code connectionTimeout} is how long a caller waits
     * for one from a database server's pool (HikariCP) before failing.
     */
    public record Database(Optional<String> url, String user, Optional<String> passwordEnv, int poolSize,
                           Duration connectionTimeout) {

        /** Returns a copy at another JDBC URL (empty: H2 in the data directory). */
        public Database withUrl(Optional<String> newUrl) {
            return new Database(newUrl, user, passwordEnv, poolSize, connectionTimeout);
        }
    }

    /**
     * The message log ({@code log.*}): whether envelopes are stored beside their hashes ({@code all}) or
     * only their size and SHA-256 ({@code metadata}), how long stored envelopes are kept, and the hash chain
     * this node appends to (each node sharing one database needs its own).
     */
    public record Log(String store, Duration retention, String chainId) {
    }

    /**
     * Where the Camel YAML routes come from ({@code routing.*}). Empty: {@code ./routes} when that
     * directory exists, else the routes built into the jar; a named directory must exist. {@code tls}: how the
     * routes' calls to {@code https://} providers trust their certificates ({@code routing.tls.*}).
     */
    public record Routing(Optional<String> routesDir, ProviderTls tls) {

        /** Routes from {@code routesDir}, providers' TLS certificates checked against the JDK's trust store. */
        public Routing(Optional<String> routesDir) {
            this(routesDir, ProviderTls.jdkDefault());
        }
    }

    /**
     * How the gateway trusts the TLS certificates of {@code https://} providers, recipients and upstream nodes
     * ({@code routing.tls.*}): the certificates of the PKCS#12 {@code truststore} (its password, if it has one, in
     * the environment variable {@code truststorePasswordEnv}); without one, the JDK's trust store. The host name is
     * always verified against the certificate.
     */
    public record ProviderTls(Optional<String> truststore, String truststorePasswordEnv) {

        public static ProviderTls jdkDefault() {
            return new ProviderTls(Optional.empty(), "QAQPA_PROVIDER_TRUSTSTORE_PASSWORD");
        }
    }

    /**
     * How requests are authenticated ({@code security.*}). Without a trust directory the gateway
     * creates (once) and trusts a development PKI in {@code <data>/pki}, or uses the one in {@code devPkiDir}
     * (another node's, never created). {@code jceProvider} names the {@code java.security.Provider} class of
     * the GOST algorithms; empty means Bouncy Castle.
     */
    public record Security(boolean requireSignature, Optional<String> trustDir, Optional<String> crlDir,
                           String revocation, Optional<String> ocspUrl, Duration revocationTimeout,
                           boolean allowLegacySha1, Optional<String> keystore, String keystorePasswordEnv,
                           Optional<String> jceProvider, Optional<String> devPkiDir, Duration keyRotationGrace) {

        /** A copy with another revocation mode ({@code off|crl|ocsp|ocsp-then-crl}) and OCSP responder override. */
        public Security withRevocation(String newRevocation, Optional<String> newOcspUrl) {
            return new Security(requireSignature, trustDir, crlDir, newRevocation, newOcspUrl, revocationTimeout,
                    allowLegacySha1, keystore, keystorePasswordEnv, jceProvider, devPkiDir, keyRotationGrace);
        }

        /** A copy using the development PKI in {@code dir} instead of {@code <data>/pki} ({@code run --pki}). */
        public Security withDevPkiDir(String dir) {
            return new Security(requireSignature, trustDir, crlDir, revocation, ocspUrl, revocationTimeout,
                    allowLegacySha1, keystore, keystorePasswordEnv, jceProvider, Optional.of(dir), keyRotationGrace);
        }
    }

    /**
     * The sandbox systems {@code qaqpa run} starts beside the gateway when the development PKI is in
     * use ({@code sandbox.*}): today the certifying centre (OCSP responder and CRL of the development CA).
     */
    public record Sandbox(boolean enabled, int port) {
    }

    /**
     * The member and service registries ({@code registry.*}): their files, resolved against the working
     * directory, and how often they are checked for changes ({@code Duration.ZERO}: never reloaded).
     */
    public record Registry(String membersFile, String servicesFile, Duration reloadInterval) {
    }

    /**
     * The admin API's own HTTP listener ({@code admin.*}, docs/admin-api.md): never the SOAP listener. It starts only
     * when the environment variable {@code tokenEnv} holds the bearer token operators present.
     *
     * @param port its port; 0 picks a free one
     * @param historyInterval how often the dashboard's history samples the meters ({@code GET /admin/summary/history})
     * @param historySize     how many samples the history keeps (the oldest is dropped)
     * @param peers the other nodes whose admin API this one may ask ({@code admin.peers}), in file order
     */
    public record Admin(String host, int port, String tokenEnv, Duration historyInterval, int historySize, List<Peer> peers) {

        /** The default {@code admin.history-interval}. */
        public static final Duration DEFAULT_HISTORY_INTERVAL = Duration.ofSeconds(10);
        /** The default {@code admin.history-size}: an hour at the default interval. */
        public static final int DEFAULT_HISTORY_SIZE = 360;

        /** The default {@code admin.port}: the SOAP port's neighbour, bound to loopback by default. */
        public static final int DEFAULT_PORT = 8081;

        public Admin {
            peers = List.copyOf(peers);
        }

        /** A node without peers, sampling its history at the defaults. */
        public Admin(String host, int port, String tokenEnv) {
            this(host, port, tokenEnv, DEFAULT_HISTORY_INTERVAL, DEFAULT_HISTORY_SIZE, List.of());
        }

        /** Returns a copy listening on another port. */
        public Admin withPort(int newPort) {
            return new Admin(host, newPort, tokenEnv, historyInterval, historySize, peers);
        }

        /** Returns a copy whose history samples every {@code interval} and keeps {@code size} samples. */
        public Admin withHistory(Duration interval, int size) {
            return new Admin(host, port, tokenEnv, interval, size, peers);
        }

        /** Returns a copy that asks these other nodes. */
        public Admin withPeers(List<Peer> newPeers) {
            return new Admin(host, port, tokenEnv, historyInterval, historySize, newPeers);
        }
    }

    /**
     * Another gateway node's admin API ({@code admin.peers.NAME}), asked for its rows of an exchange by
     * {@code GET /admin/log/{id}/timeline} (docs/admin-api.md): a regional node and the national one see each other.
     *
     * @param name     how the timeline labels the node's rows
     * @param url      its admin API base address, ending in {@code /admin/}
     * @param tokenEnv the environment variable holding that node's admin token (never the token in the file)
     */
    public record Peer(String name, String url, String tokenEnv) {
    }

    /**
     * Replay and duplicate protection ({@code replay.*}): a messageId is accepted once per sender, with a
     * messageDate no older than {@code window} and no more than {@code maxFutureSkew} ahead of the gateway.
     */
    public record Replay(Duration window, Duration maxFutureSkew) {
    }

    /**
     * Delivery of accepted async messages ({@code async.*}). Artemis owns the retries: a failed delivery
     * is rolled back and redelivered after {@code redeliveryDelay}, multiplied by {@code redeliveryMultiplier}
     * per attempt up to {@code maxRedeliveryDelay}; after {@code maxDeliveryAttempts} the message goes to the
     * dead-letter queue and its state becomes {@code DELIVERY_STOPPED}. These four are the defaults of every
     * async service; a service's {@code retry:} block in services.yaml may override them. {@code deliveryConsumers}
     * deliveries run at once (per delivery queue). A message {@code getMessages} handed out to a PULL recipient
     * is not handed out again for {@code pullLease} unless acknowledged.
     *
     * <p>{@code broker} is {@code embedded} (Artemis inside the gateway, journal under the data directory) or
     * {@code external} (the Artemis at {@code brokerUrl}, with the user and password read from the environment
     * variables named by {@code brokerUserEnv} and {@code brokerPasswordEnv}, never from the file).
     */
    public record Async(int maxDeliveryAttempts, Duration redeliveryDelay, int redeliveryMultiplier,
                        Duration maxRedeliveryDelay, int deliveryConsumers, Duration pullLease, String broker,
                        Optional<String> brokerUrl, String brokerUserEnv, String brokerPasswordEnv, long pullMaxBytes) {

        /** {@code async.broker} of a gateway that runs its own Artemis. */
        public static final String EMBEDDED = "embedded";
        /** {@code async.broker} of a gateway that uses an Artemis it does not run. */
        public static final String EXTERNAL = "external";
        /** The default {@code async.pull-lease}. */
        public static final Duration DEFAULT_PULL_LEASE = Duration.ofMinutes(5);
        /** The default {@code async.pull-max-bytes}: 16 MiB of message bodies per getMessages answer. */
        public static final long DEFAULT_PULL_MAX_BYTES = 16L * 1024 * 1024;

        /** Delivery settings on the embedded broker, with the default pull lease. */
        public Async(int maxDeliveryAttempts, Duration redeliveryDelay, int redeliveryMultiplier,
                     Duration maxRedeliveryDelay, int deliveryConsumers) {
            this(maxDeliveryAttempts, redeliveryDelay, redeliveryMultiplier, maxRedeliveryDelay, deliveryConsumers,
                    DEFAULT_PULL_LEASE);
        }

        /** Delivery settings on the embedded broker. */
        public Async(int maxDeliveryAttempts, Duration redeliveryDelay, int redeliveryMultiplier,
                     Duration maxRedeliveryDelay, int deliveryConsumers, Duration pullLease) {
            this(maxDeliveryAttempts, redeliveryDelay, redeliveryMultiplier, maxRedeliveryDelay, deliveryConsumers,
                    pullLease, EMBEDDED, Optional.empty(), "QAQPA_BROKER_USER", "QAQPA_BROKER_PASSWORD", DEFAULT_PULL_MAX_BYTES);
        }

        /** A copy using the external broker at {@code url}, credentials from the named environment variables. */
        public Async withExternalBroker(String url, String userEnv, String passwordEnv) {
            return new Async(maxDeliveryAttempts, redeliveryDelay, redeliveryMultiplier, maxRedeliveryDelay,
                    deliveryConsumers, pullLease, EXTERNAL, Optional.of(url), userEnv, passwordEnv, pullMaxBytes);
        }

        public boolean externalBroker() {
            return EXTERNAL.equals(broker);
        }
    }

    /**
     * The node's place in a federation of gateways ({@code federation.*}, docs/regional.md). A {@code national}
     * node serves its registry and calls regional nodes as providers ({@code node: true} in services.yaml); a
     * {@code regional} node serves the serviceIds of its own registry and forwards every other sync request to
     * its {@code upstream}, the national node. Towards other nodes it signs in as the member {@code senderId},
     * with the password held by the environment variable {@code passwordEnv}.
     */
    public record Federation(String profile, String senderId, String passwordEnv, Optional<Upstream> upstream) {

        /** {@code federation.profile} of the national gateway (the default). */
        public static final String NATIONAL = "national";
        /** {@code federation.profile} of a regional node. */
        public static final String REGIONAL = "regional";

        public boolean regional() {
            return REGIONAL.equals(profile);
        }

        /** A copy whose upstream is at {@code url} ({@code run --upstream}); only for a regional node. */
        public Federation withUpstreamUrl(String url) {
            Upstream current = upstream.orElse(new Upstream(url, Optional.empty(), Optional.empty(), Upstream.DEFAULT_TIMEOUT));
            return new Federation(profile, senderId, passwordEnv,
                    Optional.of(new Upstream(url, current.certificate(), current.bin(), current.timeout())));
        }
    }

    /**
     * The national gateway as a regional node sees it ({@code federation.upstream.*}): its {@code /bip-sync/}
     * address, and which certificate its answers must be signed with — the file {@code certificate}, and/or
     * any certificate carrying {@code bin}; with neither, on the development PKI, that PKI's gateway certificate.
     */
    public record Upstream(String url, Optional<String> certificate, Optional<String> bin, Duration timeout) {

        /** The default {@code federation.upstream.timeout}: longer than a provider's default, which the upstream waits for. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    }

    /** The configuration used when {@code qaqpa.yaml} sets nothing. */
    public static GatewayConfig defaults() {
        return new GatewayConfig(
                new Server("127.0.0.1", 8080, Optional.empty(), 10L * 1024 * 1024,
                        Duration.ofSeconds(30), Duration.ofSeconds(10), 200, Tls.off()),
                new Xml(100, 500, 64 * 1024, 50_000, 200_000),
                new Database(Optional.empty(), "sa", Optional.empty(), 10, Duration.ofSeconds(10)),
                new Log("all", Duration.ofDays(30), MessageLog.DEFAULT_CHAIN),
                new Routing(Optional.empty()),
                new Security(true, Optional.empty(), Optional.empty(), "ocsp-then-crl", Optional.empty(),
                        Duration.ofSeconds(5), false, Optional.empty(), "QAQPA_KEYSTORE_PASSWORD", Optional.empty(),
                        Optional.empty(), Duration.ofDays(7)),
                new Registry("config/members.yaml", "config/services.yaml", Duration.ofSeconds(5)),
                new Sandbox(true, 0),
                new Replay(Duration.ofHours(24), Duration.ofMinutes(5)),
                new Async(10, Duration.ofSeconds(5), 2, Duration.ofMinutes(30), 4, Duration.ofMinutes(5)),
                new Federation(Federation.NATIONAL, "qaqpa-national", "QAQPA_FEDERATION_PASSWORD", Optional.empty()),
                new Admin("127.0.0.1", Admin.DEFAULT_PORT, "QAQPA_ADMIN_TOKEN"),
                Logging.defaults());
    }

    /** Returns a copy with other listener settings. */
    public GatewayConfig withServer(Server newServer) {
        return new GatewayConfig(newServer, xml, database, log, routing, security, registry, sandbox, replay, async, federation, admin, logging);
    }

    /** Returns a copy with other routing settings. */
    public GatewayConfig withRouting(Routing newRouting) {
        return new GatewayConfig(server, xml, database, log, newRouting, security, registry, sandbox, replay, async, federation, admin, logging);
    }

    /** Returns a copy with another HTTP port. */
    public GatewayConfig withPort(int port) {
        return new GatewayConfig(server.withPort(port), xml, database, log, routing, security, registry, sandbox, replay, async, federation, admin, logging);
    }

    /** Returns a copy reading other registry files. */
    public GatewayConfig withRegistry(Registry newRegistry) {
        return new GatewayConfig(server, xml, database, log, routing, security, newRegistry, sandbox, replay, async, federation, admin, logging);
    }

    /** Returns a copy with other async delivery settings. */
    public GatewayConfig withAsync(Async newAsync) {
        return new GatewayConfig(server, xml, database, log, routing, security, registry, sandbox, replay, newAsync, federation, admin, logging);
    }

    /** Returns a copy with other federation settings. */
    public GatewayConfig withFederation(Federation newFederation) {
        return new GatewayConfig(server, xml, database, log, routing, security, registry, sandbox, replay, async, newFederation, admin, logging);
    }

    /** Returns a copy with other admin API settings. */
    public GatewayConfig withAdmin(Admin newAdmin) {
        return new GatewayConfig(server, xml, database, log, routing, security, registry, sandbox, replay, async, federation,
                newAdmin, logging);
    }

    /** Returns a copy with other database settings. */
    public GatewayConfig withDatabase(Database newDatabase) {
        return new GatewayConfig(server, xml, newDatabase, log, routing, security, registry, sandbox, replay, async, federation, admin, logging);
    }

    /** Returns a copy with other message-log settings. */
    public GatewayConfig withLog(Log newLog) {
        return new GatewayConfig(server, xml, database, newLog, routing, security, registry, sandbox, replay, async, federation, admin, logging);
    }

    /** Returns a copy with other security settings. */
    public GatewayConfig withSecurity(Security newSecurity) {
        return new GatewayConfig(server, xml, database, log, routing, newSecurity, registry, sandbox, replay, async, federation, admin, logging);
    }
}
