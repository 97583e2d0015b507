package org.qaqpa.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code qaqpa run}: starts the gateway and serves until SIGTERM or SIGINT, then stops gracefully and exits 0. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start the gateway: H2, embedded Artemis, Camel routes and the HTTP endpoints",
                "/bip-sync/, /bip-async/ and /health. Stops gracefully on SIGTERM or Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM/SIGINT", "1:failed to start",
                "2:bad configuration (qaqpa.yaml, members.yaml, services.yaml) or usage"})
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Directory holding qaqpa.yaml (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Directory for the H2 database and the Artemis journal (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "N",
            description = "HTTP port; overrides server.port of qaqpa.yaml (0 picks a free port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfig config;
        try {
            config = ConfigLoader.load(configDir.resolve(ConfigLoader.FILE_NAME));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        var passwordEnv = config.database().passwordEnv();
        if (passwordEnv.isPresent() && System.getenv(passwordEnv.get()) == null) {
            System.err.println(configDir.resolve(ConfigLoader.FILE_NAME) + ": 'database.password-env' names the environment variable "
                    + passwordEnv.get() + ", which is not set");
            return 2;
        }
        var routesDir = config.routing().routesDir();
        if (routesDir.isPresent() && !Files.isDirectory(Path.of(routesDir.get()))) {
            System.err.println(configDir.resolve(ConfigLoader.FILE_NAME) + ": 'routing.routes-dir' names "
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
        sandbox.ifPresent(s -> LOG.info("sandbox systems at {} (certifying centre {}); sandbox providers at {}{}",
                s.baseUrl(), s.caUrl(), s.baseUrl(), SandboxProviders.ECHO_PATH));
        LOG.info("Qaqpa {} started in {} ms (JVM uptime) at {}", Gateway.version(),
                ManagementFactory.getRuntimeMXBean().getUptime(), gateway.baseUri());
        stopped.await();
        return 0;
    }

    /** The sandbox systems, when enabled and the gateway trusts the development PKI (never beside production trust). */
    private Optional<SandboxServer> startSandbox(GatewayConfig config) throws Exception {
        if (!config.sandbox().enabled() || !GatewayTrust.usesDevelopmentPki(config)) {
            return Optional.empty();
        }
        return Optional.of(SandboxServer.start(config.sandbox().port(), GatewayTrust.developmentPkiDir(dataDir),
                Clock.systemDefaultZone()));
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
