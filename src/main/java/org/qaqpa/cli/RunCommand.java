package org.qaqpa.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qaqpa.routing.CamelRuntime;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.qaqpa.async.BrokerUnavailableException;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.sandbox.SandboxProviders;
import org.qaqpa.sandbox.SandboxServer;
import org.qaqpa.security.wss.GatewayTrust;
import org.qaqpa.server.Gateway;
import org.qaqpa.ops.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code qaqpa run}: starts the gateway and serves until SIGTERM or SIGINT, then stops gracefully and exits 0. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start the gateway: H2, embedded Artemis, Camel routes and the HTTP endpoints",
                "/bip-sync/, /bip-async/ and /health. Stops gracefully on SIGTERM or Ctrl-C.",
                "With --profile regional, a regional node that forwards what it does not serve to --upstream",
                "(docs/regional.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM/SIGINT", "1:failed to start",
                "2:bad configuration (qaqpa.yaml, members.yaml, services.yaml) or usage"})
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    /** The data directory of {@code --profile regional} without {@code --data}: beside the national node's {@code data}. */
    static final Path REGIONAL_DATA_DIR = Path.of("data-regional");

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Directory holding qaqpa.yaml (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "national: read qaqpa.yaml; regional: read regional.yaml (a regional node). The file's"
                    + " federation.profile must agree. Default: qaqpa.yaml, whatever profile it sets.")
    String profile;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory for the H2 database and the Artemis journal (default: data; data-regional with"
                    + " --profile regional).")
    Path dataDir;

    @Option(names = "--upstream", paramLabel = "URL",
            description = "Regional node: the national gateway's /bip-sync/ address; overrides federation.upstream.url.")
    String upstream;

    @Option(names = "--pki", paramLabel = "DIR",
            description = "Use the development PKI in DIR (the national node's DATA/pki) instead of DATA/pki;"
                    + " overrides security.dev-pki-dir.")
    Path pki;

    @Option(names = "--port", paramLabel = "N",
            description = "HTTP port; overrides server.port of qaqpa.yaml (0 picks a free port).")
    Integer port;

    /**
     * The sandbox's e-services (docs/services.md): the passports in {@code services/} of the configuration directory
     * (the same for a national and a regional node: each runs the provider systems whose applications reach it), the
     * routes in {@code services/} of the routes directory.
     */
    private void startEServices(SandboxServer sandbox, GatewayConfig config, Gateway gateway) throws Exception {
        Path passports = configDir.resolve("services");
        Path routes = config.routing().routesDir().map(Path::of).orElse(CamelRuntime.DEFAULT_ROUTES_DIR).resolve("services");
        var eservices = sandbox.startEServices(passports, routes, gateway.baseUri());
        LOG.info("sandbox e-services: {} from {}", eservices.passports().keySet(), passports);
    }

    @Override
    public Integer call() throws InterruptedException {
        Path configFile;
        try {
            configFile = ConfigLoader.fileOf(configDir, profile == null ? GatewayConfig.Federation.NATIONAL : profile);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        GatewayConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        LogFormat.use(config.logging());
        if (profile != null && !profile.equals(config.federation().profile())) {
            System.err.println(configFile + ": 'federation.profile' is " + config.federation().profile() + ", but --profile "
                    + profile + " was given");
            return 2;
        }
        if (dataDir == null) {
            dataDir = GatewayConfig.Federation.REGIONAL.equals(profile) ? REGIONAL_DATA_DIR : Path.of("data");
        }
        var passwordEnv = config.database().passwordEnv();
        if (passwordEnv.isPresent() && System.getenv(passwordEnv.get()) == null) {
            System.err.println(configFile + ": 'database.password-env' names the environment variable "
                    + passwordEnv.get() + ", which is not set");
            return 2;
        }
        var routesDir = config.routing().routesDir();
        if (routesDir.isPresent() && !Files.isDirectory(Path.of(routesDir.get()))) {
            System.err.println(configFile + ": 'routing.routes-dir' names "
                    + Path.of(routesDir.get()).toAbsolutePath() + ", which is not a directory");
            return 2;
        }
        if (port != null) {
            if (port < 0 || port > 65535) {
                System.err.println("--port must be between 0 and 65535, got " + port);
                return 2;
            }
            config = config.withPort(port);
        }
        try {
            config = withFederationOptions(config, configFile);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Optional<SandboxServer> sandbox;
        try {
            sandbox = startSandbox(config);
        } catch (Exception e) {
            LOG.error("the sandbox systems failed to start on 127.0.0.1:{}: {} (set sandbox.port, or sandbox.enabled: false)",
                    config.sandbox().port(), e.toString());
            return 1;
        }
        if (sandbox.isPresent() && config.security().ocspUrl().isEmpty()) {
            // development certificates name the port the PKI was created with; ask the running sandbox instead
            String ocsp = sandbox.get().caUrl() + "/ocsp";
            config = config.withSecurity(config.security().withRevocation(config.security().revocation(), Optional.of(ocsp)));
        }
        Gateway gateway = new Gateway(config, dataDir, Clock.systemDefaultZone());
        if (sandbox.isPresent()) {
            // the sandbox providers (TEST_SERVICE_ID's echo, the faulty ones) answer on the sandbox's listener
            gateway.pathProvidersAt(sandbox.get().baseUrl());
            // the e-services' applications, which the admin API lists, live in the sandbox's provider systems
            gateway.applicationsFrom(sandbox.get().applications());
        }
        CountDownLatch stopped = stopOnSignal(gateway, sandbox);
        try {
            gateway.start();
        } catch (ConfigException e) {
            // a registry file (members.yaml, services.yaml) is refused: the same exit as a bad qaqpa.yaml
            System.err.println(e.getMessage());
            sandbox.ifPresent(RunCommand::closeQuietly);
            return 2;
        } catch (BrokerUnavailableException e) {
            // the broker is not there or refuses our user: an operator's problem, said in one line
            System.err.println("Qaqpa failed to start: " + e.getMessage());
            sandbox.ifPresent(RunCommand::closeQuietly);
            return 1;
        } catch (Exception e) {
            LOG.error("Qaqpa failed to start: {}", e.toString(), e);
            sandbox.ifPresent(RunCommand::closeQuietly);
            return 1;
        }
        if (sandbox.isPresent()) {
            try {
                startEServices(sandbox.get(), config, gateway);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                gateway.close();
                closeQuietly(sandbox.get());
                return 2;
            } catch (Exception e) {
                LOG.error("the sandbox e-services failed to start: {}", e.toString(), e);
                gateway.close();
                closeQuietly(sandbox.get());
                return 1;
            }
        }
        sandbox.ifPresent(s -> LOG.info("sandbox systems at {} (certifying centre {}); sandbox providers at {}{}",
                s.baseUrl(), s.caUrl(), s.baseUrl(), SandboxProviders.ECHO_PATH));
        LOG.info("Qaqpa {} started in {} ms (JVM uptime) at {}", Gateway.version(),
                ManagementFactory.getRuntimeMXBean().getUptime(), gateway.baseUri());
        stopped.await();
        return 0;
    }

    /**
     * Applies {@code --upstream} and {@code --pki}, and checks what a node of the federation needs before it
     * starts: another node's development PKI must be there, and a regional node on production trust must have
     * its password at the national gateway.
     *
     * @throws IllegalArgumentException with the one line to print (exit code 2)
     */
    private GatewayConfig withFederationOptions(GatewayConfig config, Path configFile) {
        GatewayConfig.Federation federation = config.federation();
        if (upstream != null) {
            if (!federation.regional()) {
                throw new IllegalArgumentException("--upstream is for a regional node (--profile regional)");
            }
            if (!ConfigLoader.isHttpUrl(upstream)) {
                throw new IllegalArgumentException("--upstream must be an absolute http or https URL, got '" + upstream + "'");
            }
            config = config.withFederation(federation.withUpstreamUrl(upstream));
        }
        if (pki != null) {
            if (!GatewayTrust.usesDevelopmentPki(config)) {
                throw new IllegalArgumentException("--pki names a development PKI, which is not used when"
                        + " security.trust-dir is set");
            }
            config = config.withSecurity(config.security().withDevPkiDir(pki.toAbsolutePath().normalize().toString()));
        }
        var devPki = config.security().devPkiDir();
        if (devPki.isPresent() && !Files.isRegularFile(Path.of(devPki.get()).resolve("root-cert.pem"))) {
            throw new IllegalArgumentException((pki != null ? "--pki" : configFile + ": 'security.dev-pki-dir'") + " names "
                    + devPki.get() + ", which holds no development PKI (no root-cert.pem); name the pki/ directory of"
                    + " the national node's data directory");
        }
        if (federation.regional() && !GatewayTrust.usesDevelopmentPki(config) && System.getenv(federation.passwordEnv()) == null) {
            throw new IllegalArgumentException(configFile + ": 'federation.password-env' names the environment variable "
                    + federation.passwordEnv() + ", which is not set (the node's password at the national gateway)");
        }
        return config;
    }

    /** The sandbox systems, when enabled and the gateway trusts the development PKI (never beside production trust). */
    private Optional<SandboxServer> startSandbox(GatewayConfig config) throws Exception {
        if (!config.sandbox().enabled() || !GatewayTrust.usesDevelopmentPki(config)) {
            return Optional.empty();
        }
        Path pkiDir = GatewayTrust.developmentPkiDir(config, dataDir);
        if (!config.security().requireSignature() && !SandboxServer.canUse(pkiDir)) {
            // without signatures the gateway makes no development PKI, and the sandbox systems sign with it
            LOG.warn("the sandbox systems are not started: security.require-signature is false and {} holds no development"
                    + " PKI (`qaqpa pki init --dir {}` makes one)", pkiDir, pkiDir);
            return Optional.empty();
        }
        return Optional.of(SandboxServer.start(config.sandbox().port(), pkiDir, Clock.systemDefaultZone(), config.xmlLimits()));
    }

    private static void closeQuietly(SandboxServer sandbox) {
        try {
            sandbox.close();
        } catch (Exception e) {
            LOG.warn("the sandbox systems did not stop cleanly: {}", e.toString());
        }
    }

    /**
     * Installs the SIGTERM/SIGINT handlers before the start, so a signal during the start still
     * stops cleanly (once the start has finished). The first signal stops the gateway gracefully
     * (in-flight requests finish first); a second one halts at once.
     */
    private static CountDownLatch stopOnSignal(Gateway gateway, Optional<SandboxServer> sandbox) {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        SignalHandler stop = signal -> {
            if (!stopping.compareAndSet(false, true)) {
                LOG.warn("SIG{} received again: halting without waiting", signal.getName());
                Runtime.getRuntime().halt(130);
            }
            LOG.info("SIG{} received: stopping", signal.getName());
            gateway.close();
            sandbox.ifPresent(RunCommand::closeQuietly);
            LOG.info("Qaqpa stopped");
            stopped.countDown();
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        return stopped;
    }
}
