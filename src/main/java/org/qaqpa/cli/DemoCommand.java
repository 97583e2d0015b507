package org.qaqpa.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.sandbox.eservice.DemoScenarios;
import org.qaqpa.sandbox.eservice.EServiceDemo;
import org.qaqpa.security.wss.GatewayTrust;
import org.qaqpa.storage.Directories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qaqpa demo}: starts a national gateway and the development regional node, each with its sandbox systems, on
 * free ports and a fresh data directory ({@link DemoFederation}), runs the e-services of the regulations through them
 * (docs/demo.md), prints each application's timeline, and exits 0 only if every application went as the regulations
 * say.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the e-services end to end: a gateway, the sandbox portal, provider systems and registries,",
                "one approval and the refusals per service and channel, each application's steps timed against",
                "the regulation's limits, each result's officer signature verified (docs/demo.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every application went as the regulations say", "1:at least one did not, or the start failed",
                "2:bad configuration"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Directory holding qaqpa.yaml, regional.yaml and services/ (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: a new temporary one, removed afterwards unless --keep).")
    Path dataDir;

    @Option(names = "--keep", description = "Leave the gateway and the sandbox running afterwards and print their addresses"
            + " (Ctrl-C stops them).")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        GatewayConfig config;
        GatewayConfig regional;
        try {
            config = ConfigLoader.load(ConfigLoader.fileOf(configDir, GatewayConfig.Federation.NATIONAL)).withPort(0);
            regional = ConfigLoader.load(ConfigLoader.fileOf(configDir, GatewayConfig.Federation.REGIONAL)).withPort(0);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        boolean temporary = dataDir == null;
        Path data = temporary ? Files.createTempDirectory("qaqpa-demo") : dataDir;
        Clock clock = Clock.systemUTC();
        try (DemoFederation federation = DemoFederation.start(config, regional, configDir.resolve("services"), data, clock)) {
            System.out.println("Qaqpa demo: " + federation.addresses() + ", data " + data);
            boolean matched = new EServiceDemo(federation.frontEnds(), federation.providers(),
                    GatewayTrust.developmentPkiDir(config, data), System.out, clock).run(DemoScenarios.all());
            if (keep) {
                System.out.println("Still running (Ctrl-C stops): " + federation.addresses() + "; portal history "
                        + federation.nationalSandbox() + "/sandbox/portal, data " + data);
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                stopped.await();
            }
            return matched ? 0 : 1;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } finally {
            if (temporary && !keep) {
                Directories.deleteTree(data);
            }
        }
    }
}
