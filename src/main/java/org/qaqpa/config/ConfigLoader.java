package org.qaqpa.config;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.qaqpa.async.DeadLetterRedelivery;
import org.qaqpa.registry.RegistryIds;
import org.qaqpa.security.dsig.GostProvider;
import org.qaqpa.security.pki.TrustMaterial;

/**
 * Reads {@code qaqpa.yaml} into a {@link GatewayConfig}, applying defaults for absent keys and refusing
 * anything else with a one-line {@link ConfigException} that names the file, line and key.
 */
public final class ConfigLoader {

    /** The name of the gateway configuration file inside the {@code --config} directory. */
    public static final String FILE_NAME = "qaqpa.yaml";
    /** The file {@code --profile regional} reads instead of {@link #FILE_NAME}. */
    public static final String REGIONAL_FILE_NAME = "regional.yaml";

    private static final List<String> SECTIONS = List.of("server", "xml", "database", "log", "routing", "security", "registry",
            "sandbox", "replay", "async", "federation", "admin", "logging");
    private static final List<String> SERVER_KEYS = List.of(
            "host", "port", "public-url", "max-request-size", "idle-timeout", "shutdown-timeout", "max-threads", "tls");
    private static final List<String> SERVER_TLS_KEYS = List.of("enabled", "keystore", "keystore-password-env",
            "client-auth", "truststore", "truststore-password-env", "protocols");
    private static final List<String> CLIENT_AUTH_MODES = List.of(GatewayConfig.Tls.CLIENT_AUTH_NONE,
            GatewayConfig.Tls.CLIENT_AUTH_WANT, GatewayConfig.Tls.CLIENT_AUTH_NEED);
    private static final List<String> ROUTING_TLS_KEYS = List.of("truststore", "truststore-password-env");
    private static final List<String> XML_KEYS = List.of(
            "max-depth", "max-attributes", "max-attribute-size", "max-children", "max-elements");
    private static final List<String> DATABASE_KEYS = List.of("url", "user", "password-env", "pool-size",
            "connection-timeout");
    private static final List<String> LOG_KEYS = List.of("store", "retention", "chain-id");
    /** Fits message_log.chain_id (VARCHAR(40)) and reads well in {@code qaqpa log verify}. */
    private static final Pattern CHAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    /** HikariCP refuses a shorter connection timeout. */
    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    private static final Duration MIN_HISTORY_INTERVAL = Duration.ofSeconds(1);
    /** Two samples make a line; 8640 is a day at 10 s, under 9 MB (docs/admin-api.md). */
    private static final int MIN_HISTORY_SIZE = 2;
    private static final int MAX_HISTORY_SIZE = 8640;
    private static final List<String> LOG_STORE_MODES = List.of("all", "metadata");
    private static final List<String> LOGGING_KEYS = List.of("format");
    private static final List<String> LOGGING_FORMATS = List.of(GatewayConfig.Logging.TEXT, GatewayConfig.Logging.JSON);
    private static final List<String> ROUTING_KEYS = List.of("routes-dir", "tls");
    private static final List<String> SECURITY_KEYS = List.of(
            "require-signature", "trust-dir", "crl-dir", "revocation", "ocsp-url", "revocation-timeout",
            "allow-legacy-sha1", "keystore", "keystore-password-env", "jce-provider", "dev-pki-dir",
            "key-rotation-grace");
    private static final List<String> REVOCATION_MODES = List.of("ocsp-then-crl", "ocsp", "crl", "off");
    private static final List<String> REGISTRY_KEYS = List.of("members-file", "services-file", "reload-interval");
    private static final List<String> SANDBOX_KEYS = List.of("enabled", "port");
    private static final List<String> REPLAY_KEYS = List.of("window", "max-future-skew");
    private static final List<String> ASYNC_KEYS = List.of("max-delivery-attempts", "redelivery-delay",
            "redelivery-multiplier", "max-redelivery-delay", "delivery-consumers", "pull-lease", "broker", "broker-url",
            "broker-user-env", "broker-password-env", "pull-max-bytes");
    private static final List<String> BROKER_MODES = List.of(GatewayConfig.Async.EMBEDDED, GatewayConfig.Async.EXTERNAL);
    private static final List<String> FEDERATION_KEYS = List.of("profile", "sender-id", "password-env", "upstream");
    private static final List<String> PROFILES = List.of(GatewayConfig.Federation.NATIONAL, GatewayConfig.Federation.REGIONAL);
    private static final List<String> UPSTREAM_KEYS = List.of("url", "certificate", "bin", "timeout");
    private static final List<String> ADMIN_KEYS = List.of("host", "port", "token-env", "history-interval",
            "history-size", "peers");
    private static final List<String> PEER_KEYS = List.of("url", "token-env");
    private static final Pattern TWELVE_DIGITS = Pattern.compile("[0-9]{12}");

    private static final Pattern CLASS_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // user:password@ in the authority, or a password=... parameter, as drivers accept in JDBC URLs.
    private static final Pattern URL_SECRET = Pattern.compile("(?i)(://[^/?#;@]*:[^/?#;@]*@|password=)");

    private ConfigLoader() {
    }

    /**
     * The configuration file of a {@code --profile} in {@code configDir}: {@code qaqpa.yaml} for {@code national},
     * {@code regional.yaml} for {@code regional}.
     *
     * @throws IllegalArgumentException for another profile name
     */
    public static Path fileOf(Path configDir, String profile) {
        return switch (profile) {
            case GatewayConfig.Federation.NATIONAL -> configDir.resolve(FILE_NAME);
            case GatewayConfig.Federation.REGIONAL -> configDir.resolve(REGIONAL_FILE_NAME);
            default -> throw new IllegalArgumentException("--profile must be one of " + String.join(", ", PROFILES)
                    + ", got '" + profile + "'");
        };
    }

    /** Loads and validates {@code configFile}; throws {@link ConfigException} on the first problem found. */
    public static GatewayConfig load(Path configFile) {
        String file = configFile.toString();
        GatewayConfig defaults = GatewayConfig.defaults();
        ConfigSection root = ConfigSection.root(file, YamlDocument.read(configFile, file), SECTIONS);
        GatewayConfig config = new GatewayConfig(
                server(root.section("server", SERVER_KEYS), defaults.server()),
                xml(root.section("xml", XML_KEYS), defaults.xml()),
                database(root.section("database", DATABASE_KEYS), defaults.database()),
                log(root.section("log", LOG_KEYS), defaults.log()),
                routing(root.section("routing", ROUTING_KEYS), defaults.routing()),
                security(root.section("security", SECURITY_KEYS), defaults.security()),
                registry(root.section("registry", REGISTRY_KEYS), defaults.registry()),
                sandbox(root.section("sandbox", SANDBOX_KEYS), defaults.sandbox()),
                replay(root.section("replay", REPLAY_KEYS), defaults.replay()),
                async(root.section("async", ASYNC_KEYS), defaults.async()),
                federation(root.section("federation", FEDERATION_KEYS), defaults.federation()),
                admin(root.section("admin", ADMIN_KEYS), defaults.admin()),

logging(root.section("logging", LOGGING_KEYS), defaults.logging()));
        checkFederation(root.section("federation", FEDERATION_KEYS), config);
        checkAdminPort(root.section("admin", ADMIN_KEYS), config);
        return config;
    }

    private static GatewayConfig.Server server(ConfigSection s, GatewayConfig.Server d) {
        return new GatewayConfig.Server(
                s.string("host", d.host(), ConfigLoader::isWord, "a host name or IP address"),
                s.integer("port", 0, 65535, d.port()),
                s.optionalString("public-url", ConfigLoader::isHttpUrl, "an absolute http or https URL"),
                s.size("max-request-size", Long.MAX_VALUE, d.maxRequestSize()),
                s.duration("idle-timeout", false, d.idleTimeout()),
                s.duration("shutdown-timeout", true, d.shutdownTimeout()),
                s.integer("max-threads", 8, Integer.MAX_VALUE, d.maxThreads()),
                serverTls(s.section("tls", SERVER_TLS_KEYS), d.tls()));
    }

    /**
     * {@code server.tls.*}: an enabled listener needs its keystore; asking clients for certificates needs the
     * truststore they must chain to. Files are read at start, where their passwords are known.
     */
    private static GatewayConfig.Tls serverTls(ConfigSection s, GatewayConfig.Tls d) {
        GatewayConfig.Tls tls = new GatewayConfig.Tls(
                s.bool("enabled", d.enabled()),
                s.optionalString("keystore", ConfigLoader::isPath, "a PKCS#12 file path"),
                s.string("keystore-password-env", d.keystorePasswordEnv(), n -> ENV_NAME.matcher(n).matches(),
                        "the name of an environment variable (letters, digits and _)"),
                s.string("client-auth", d.clientAuth(), CLIENT_AUTH_MODES::contains,
                        "one of " + String.join(", ", CLIENT_AUTH_MODES)),
                s.optionalString("truststore", ConfigLoader::isPath, "a PKCS#12 file path"),
                s.string("truststore-password-env", d.truststorePasswordEnv(), n -> ENV_NAME.matcher(n).matches(),
                        "the name of an environment variable (letters, digits and _)"),
                s.has("protocols") ? s.strings("protocols", GatewayConfig.Tls.PROTOCOLS::contains,
                        "TLS protocol (" + String.join(", ", GatewayConfig.Tls.PROTOCOLS) + ")") : d.protocols());
        if (s.has("protocols") && tls.protocols().isEmpty()) {
            throw s.invalid("protocols", "must name at least one of " + String.join(", ", GatewayConfig.Tls.PROTOCOLS));
        }
        if (tls.enabled() && tls.keystore().isEmpty()) {
            throw s.invalid("enabled", "is true, which needs 'server.tls.keystore': the PKCS#12 file with the server's"
                    + " key and certificate chain");
        }
        if (tls.asksClientCertificate() && tls.truststore().isEmpty()) {
            throw s.invalid("client-auth", "is " + tls.clientAuth() + ", which needs 'server.tls.truststore': the"
                    + " PKCS#12 file of the CA certificates client certificates must chain to");
        }
        return tls;
    }

    private static GatewayConfig.Xml xml(ConfigSection s, GatewayConfig.Xml d) {
        return new GatewayConfig.Xml(
                s.integer("max-depth", 1, Integer.MAX_VALUE, d.maxDepth()),
                s.integer("max-attributes", 1, Integer.MAX_VALUE, d.maxAttributes()),
                (int) s.size("max-attribute-size", Integer.MAX_VALUE, d.maxAttributeSize()),
                s.integer("max-children", 1, Integer.MAX_VALUE, d.maxChildren()),
                s.integer("max-elements", 1, Integer.MAX_VALUE, d.maxElements()));
    }

    private static GatewayConfig.Database database(ConfigSection s, GatewayConfig.Database d) {
        Optional<String> url = s.optionalString("url", u -> u.startsWith("jdbc:") && isWord(u),
                "a JDBC URL starting with 'jdbc:'");
        if (url.isPresent() && URL_SECRET.matcher(url.get()).find()) {
            throw s.invalid("url", "must not contain a password; name an environment variable in"
                    + " 'database.password-env' instead");
        }
        return new GatewayConfig.Database(
                url,
                s.string("user", d.user(), ConfigLoader::isWord, "a user name"),
                s.optionalString("password-env", n -> ENV_NAME.matcher(n).matches(),
                        "the name of an environment variable (letters, digits and _)"),
                // two: the writer thread keeps one connection, readers need another
                s.integer("pool-size", 2, 1000, d.poolSize()),
                connectionTimeout(s, d.connectionTimeout()));
    }

    private static Duration connectionTimeout(ConfigSection s, Duration d) {
        Duration timeout = s.duration("connection-timeout", false, d);
        if (timeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw s.invalid("connection-timeout", "must be at least 250ms");
        }
        return timeout;
    }

    private static GatewayConfig.Log log(ConfigSection s, GatewayConfig.Log d) {
        String chainId = s.string("chain-id", d.chainId(), c -> CHAIN_ID.matcher(c).matches(),
                "1 to 40 letters, digits, '.', '_' or '-'");
        if (chainId.equals(DeadLetterRedelivery.LOG_CHAIN)) {
            throw s.invalid("chain-id", "'" + chainId + "' is the chain of operator actions (qaqpa queue redeliver);"
                    + " name this node's chain otherwise");
        }
        return new GatewayConfig.Log(
                s.string("store", d.store(), LOG_STORE_MODES::contains, "one of " + String.join(", ", LOG_STORE_MODES)),
                s.duration("retention", false, d.retention()),
                chainId);
    }

    private static GatewayConfig.Logging logging(ConfigSection s, GatewayConfig.Logging d) {
        return new GatewayConfig.Logging(s.string("format", d.format(), LOGGING_FORMATS::contains,
                "one of " + String.join(", ", LOGGING_FORMATS)));
    }

    private static GatewayConfig.Security security(ConfigSection s, GatewayConfig.Security d) {
        Optional<String> jceProvider = s.optionalString("jce-provider", ConfigLoader::isClassName,
                "the fully qualified name of a java.security.Provider class");
        if (jceProvider.isPresent()) {
            try {
                GostProvider.providerClass(jceProvider.get());
            } catch (IllegalArgumentException e) {
                throw s.invalid("jce-provider", "names " + e.getMessage()
                        + " (put the provider's jar in lib/ or on -cp; empty: Bouncy Castle)");
            }
        }
        return new GatewayConfig.Security(
                s.bool("require-signature", d.requireSignature()),
                s.optionalString("trust-dir", ConfigLoader::isPath, "a directory path"),
                s.optionalString("crl-dir", ConfigLoader::isPath, "a directory path"),
                s.string("revocation", d.revocation(), REVOCATION_MODES::contains, "one of " + String.join(", ", REVOCATION_MODES)),
                s.optionalString("ocsp-url", ConfigLoader::isHttpUrl, "an absolute http or https URL"),
                s.duration("revocation-timeout", false, d.revocationTimeout()),
                s.bool("allow-legacy-sha1", d.allowLegacySha1()),
                s.optionalString("keystore", ConfigLoader::isPath, "a file path"),
                s.string("keystore-password-env", d.keystorePasswordEnv(), n -> ENV_NAME.matcher(n).matches(),
                        "the name of an environment variable (letters, digits and _)"),
                jceProvider,
                devPkiDir(s),
                s.duration("key-rotation-grace", true, d.keyRotationGrace()));
    }

    /** Another node's development PKI ({@code run --pki}): only where the development PKI is used at all. */
    private static Optional<String> devPkiDir(ConfigSection s) {
        Optional<String> dir = s.optionalString("dev-pki-dir", ConfigLoader::isPath, "a directory path");
        if (dir.isPresent() && s.has("trust-dir")) {
            throw s.invalid("dev-pki-dir", "is for the development PKI, which is not used when 'security.trust-dir' is set");
        }
        return dir;
    }

    private static GatewayConfig.Sandbox sandbox(ConfigSection s, GatewayConfig.Sandbox d) {
        return new GatewayConfig.Sandbox(
                s.bool("enabled", d.enabled()),
                s.integer("port", 0, 65535, d.port()));
    }

    private static GatewayConfig.Replay replay(ConfigSection s, GatewayConfig.Replay d) {
        return new GatewayConfig.Replay(
                s.duration("window", false, d.window()),
                s.duration("max-future-skew", true, d.maxFutureSkew()));
    }

    private static GatewayConfig.Async async(ConfigSection s, GatewayConfig.Async d) {
        GatewayConfig.Async async = new GatewayConfig.Async(
                s.integer("max-delivery-attempts", 1, 1000, d.maxDeliveryAttempts()),
                s.duration("redelivery-delay", true, d.redeliveryDelay()),
                s.integer("redelivery-multiplier", 1, 10, d.redeliveryMultiplier()),
                s.duration("max-redelivery-delay", true, d.maxRedeliveryDelay()),
                s.integer("delivery-consumers", 1, 64, d.deliveryConsumers()),
                s.duration("pull-lease", false, d.pullLease()),
                s.string("broker", d.broker(), BROKER_MODES::contains, "one of " + String.join(", ", BROKER_MODES)),
                s.optionalString("broker-url", ConfigLoader::isBrokerUrl, "an Artemis URL such as tcp://host:61616"),
                s.string("broker-user-env", d.brokerUserEnv(), n -> ENV_NAME.matcher(n).matches(),
                        "the name of an environment variable (letters, digits and _)"),
                s.string("broker-password-env", d.brokerPasswordEnv(), n -> ENV_NAME.matcher(n).matches(),
                        "the name of an environment variable (letters, digits and _)"),
                s.size("pull-max-bytes", Long.MAX_VALUE, d.pullMaxBytes()));
        if (async.maxRedeliveryDelay().compareTo(async.redeliveryDelay()) < 0) {
            throw s.invalid("max-redelivery-delay", "must not be shorter than 'async.redelivery-delay' ("
                    + ConfigSection.formatDuration(async.redeliveryDelay()) + ")");
        }
        if (async.externalBroker() && async.brokerUrl().isEmpty()) {
            throw s.invalid("broker", "is external, which needs 'async.broker-url' (e.g. tcp://broker.example.kz:61616)");
        }
        if (!async.externalBroker() && async.brokerUrl().isPresent()) {
            throw s.invalid("broker-url", "is only used with 'async.broker: external'");
        }
        if (async.brokerUrl().isPresent() && URL_SECRET.matcher(async.brokerUrl().get()).find()) {
            throw s.invalid("broker-url", "must not contain a password; name environment variables in"
                    + " 'async.broker-user-env' and 'async.broker-password-env' instead");
        }
        return async;
    }

    private static GatewayConfig.Federation federation(ConfigSection s, GatewayConfig.Federation d) {
        String profile = s.string("profile", d.profile(), PROFILES::contains, "one of " + String.join(", ", PROFILES));
        Optional<GatewayConfig.Upstream> upstream = Optional.empty();
        if (s.has("upstream")) {
            if (!GatewayConfig.Federation.REGIONAL.equals(profile)) {
                throw s.invalid("upstream", "is only for 'federation.profile: regional' (the national node has no upstream)");
            }
            ConfigSection u = s.section("upstream", UPSTREAM_KEYS);
            upstream = Optional.of(new GatewayConfig.Upstream(
                    u.requiredString("url", ConfigLoader::isHttpUrl, "the national gateway's /bip-sync/ address, an absolute http or https URL"),
                    upstreamCertificate(u),
                    u.optionalString("bin", v -> TWELVE_DIGITS.matcher(v).matches(), "a BIN of 12 digits"),
                    u.duration("timeout", false, GatewayConfig.Upstream.DEFAULT_TIMEOUT)));
        }
        return new GatewayConfig.Federation(
                profile,
                s.string("sender-id", d.senderId(), RegistryIds::isValid, "a senderId (" + RegistryIds.RULE + ")"),
                s.string("password-env", d.passwordEnv(), n -> ENV_NAME.matcher(n).matches(),
                        "the name of an environment variable (letters, digits and _)"),
                upstream);
    }

    /** The upstream's certificate file, read once here so that a wrong path stops the start with its line. */
    private static Optional<String> upstreamCertificate(ConfigSection u) {
        Optional<String> file = u.optionalString("certificate", ConfigLoader::isPath, "a certificate file path (PEM or DER)");
        if (file.isPresent()) {
            Path path = Path.of(file.get()).toAbsolutePath().normalize();
            try {
                TrustMaterial.readCertificates(path);
            } catch (UncheckedIOException e) {
                throw u.invalid("certificate", "names " + path + ", which cannot be read ("
                        + (e.getCause() instanceof NoSuchFileException ? "file not found" : e.getCause().getMessage()) + ")");
            } catch (IllegalArgumentException e) {
                throw u.invalid("certificate", "names " + path + ", which is not a certificate file (PEM or DER)");
            }
        }
        return file;
    }

    /**
     * What a regional node cannot do without: an upstream, its own senderId there (not the national node's
     * default), and signatures — the upstream's answers are always verified, never taken unsigned.
     */
    private static void checkFederation(ConfigSection s, GatewayConfig config) {
        GatewayConfig.Federation federation = config.federation();
        if (!federation.regional()) {
            return;
        }
        if (federation.upstream().isEmpty()) {
            throw s.invalid("profile", "is regional, which needs 'federation.upstream.url': the national gateway's"
                    + " /bip-sync/ address");
        }
        if (!s.has("sender-id")) {
            throw s.invalid("profile", "is regional, which needs 'federation.sender-id': the node's senderId at the"
                    + " national gateway");
        }
        if (!config.security().requireSignature()) {
            throw s.invalid("profile", "is regional, which needs 'security.require-signature: true': the upstream's"
                    + " answers are always verified");
        }
        GatewayConfig.Upstream upstream = federation.upstream().get();
        if (config.security().trustDir().isPresent() && upstream.certificate().isEmpty() && upstream.bin().isEmpty()) {
            throw s.invalid("upstream", "needs 'certificate' or 'bin' when 'security.trust-dir' is set: which certificate"
                    + " the national gateway's answers must be signed with");
        }
    }

    /** A core-protocol URL of an Artemis acceptor: tcp:// (Netty), with host and port, parameters allowed. */
    private static boolean isBrokerUrl(String value) {
        if (!isWord(value) || !value.toLowerCase(Locale.ROOT).startsWith("tcp://")) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.getHost() != null && uri.getPort() > 0;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static GatewayConfig.Routing routing(ConfigSection s, GatewayConfig.Routing d) {
        ConfigSection tls = s.section("tls", ROUTING_TLS_KEYS);
        return new GatewayConfig.Routing(
                s.optionalString("routes-dir", ConfigLoader::isPath, "a directory path"),
                new GatewayConfig.ProviderTls(
                        tls.optionalString("truststore", ConfigLoader::isPath, "a PKCS#12 file path"),
                        tls.string("truststore-password-env", d.tls().truststorePasswordEnv(),
                                n -> ENV_NAME.matcher(n).matches(), "the name of an environment variable (letters, digits and _)")));
    }

    private static GatewayConfig.Registry registry(ConfigSection s, GatewayConfig.Registry d) {
        return new GatewayConfig.Registry(
                s.string("members-file", d.membersFile(), ConfigLoader::isPath, "a file path"),
                s.string("services-file", d.servicesFile(), ConfigLoader::isPath, "a file path"),
                s.duration("reload-interval", true, d.reloadInterval()));
    }

    private static GatewayConfig.Admin admin(ConfigSection s, GatewayConfig.Admin d) {
        return new GatewayConfig.Admin(
                s.string("host", d.host(), ConfigLoader::isWord, "a host name or IP address"),
                s.integer("port", 0, 65535, d.port()),
                s.string("token-env", d.tokenEnv(), n -> ENV_NAME.matcher(n).matches(),
                        "the name of an environment variable (letters, digits and _)"),
                historyInterval(s, d.historyInterval()),
                s.integer("history-size", MIN_HISTORY_SIZE, MAX_HISTORY_SIZE, d.historySize()),
                peers(s));
    }

    /** At least a second: the history reads every meter and the broker's queues at each sample. */
    private static Duration historyInterval(ConfigSection s, Duration d) {
        Duration interval = s.duration("history-interval", false, d);
        if (interval.compareTo(MIN_HISTORY_INTERVAL) < 0) {
            throw s.invalid("history-interval", "must be at least 1s: every sample reads the meters and the broker's queues");
        }
        return interval;
    }

    /** {@code admin.peers}: node name → its admin API's {@code url} and the {@code token-env} holding its token. */
    private static List<GatewayConfig.Peer> peers(ConfigSection admin) {
        List<GatewayConfig.Peer> peers = new ArrayList<>();
        admin.sections("peers", "node name", RegistryIds::isValid, RegistryIds.RULE, PEER_KEYS).forEach((name, p) ->
                peers.add(new GatewayConfig.Peer(name,
                        p.requiredString("url", ConfigLoader::isAdminUrl, "the node's admin API address, an absolute"
                                + " http or https URL ending in /admin/"),
                        p.requiredString("token-env", n -> ENV_NAME.matcher(n).matches(),
                                "the name of an environment variable (letters, digits and _) holding its admin token"))));
        return peers;
    }

    private static boolean isAdminUrl(String value) {
        return isHttpUrl(value) && value.endsWith("/admin/") && !value.contains("?") && !value.contains("#");
    }

    /** The admin API must not share the SOAP listener's port (0, a free port each, never clashes). */
    private static void checkAdminPort(ConfigSection s, GatewayConfig config) {
        if (config.admin().port() != 0 && config.admin().port() == config.server().port()) {
            throw s.invalid("port", "must differ from server.port (" + config.server().port()
                    + "): the admin API has a listener of its own");
        }
    }

    /** Non-empty, no whitespace or control characters: host names, user names and URLs never need any. */
    private static boolean isWord(String value) {
        return !value.isEmpty()
                && value.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }

    private static boolean isClassName(String value) {
        return CLASS_NAME.matcher(value).matches();
    }

    private static boolean isPath(String value) {
        return !value.isBlank() && value.codePoints().noneMatch(Character::isISOControl);
    }

    /** An absolute http(s) URL with a host, without user info or fragment (what every URL key of the config files takes). */
    public static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null && uri.getUserInfo() == null && uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
