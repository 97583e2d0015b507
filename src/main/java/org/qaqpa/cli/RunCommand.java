package org.qaqpa.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.GatewayConfig;
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
        exitCodeList = {"0:stopped by SIGTERM/SIGINT", "1:failed to start", "2:bad configuration or usage"})
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
        if (port != null) {
            if (port < 0 || port > 65535) {
                System.err.println("--port must be between 0 and 65535, got " + port);
                return 2;
            }
            config = config.withPort(port);
        }
        Gateway gateway = new Gateway(config, dataDir, Clock.systemDefaultZone());
        try {
            gateway.start();
        } catch (Exception e) {
            LOG.error("Qaqpa failed to start: {}", e.toString(), e);
            return 1;
        }
        LOG.info("Qaqpa {} started in {} ms (JVM uptime) at {}", Gateway.version(),
                ManagementFactory.getRuntimeMXBean().getUptime(), gateway.baseUri());
        awaitStopSignal(gateway);
        return 0;
    }

    /** Blocks until SIGTERM or SIGINT, then stops the gateway (in-flight requests finish first). */
    private static void awaitStopSignal(Gateway gateway) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        SignalHandler stop = signal -> {
            LOG.info("SIG{} received: stopping", signal.getName());
            gateway.close();
            LOG.info("Qaqpa stopped");
            stopped.countDown();
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        stopped.await();
    }
}
