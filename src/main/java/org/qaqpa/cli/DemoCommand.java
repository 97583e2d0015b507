package org.qaqpa.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.routing.CamelRuntime;
import org.qaqpa.sandbox.SandboxServer;
import org.qaqpa.sandbox.eservice.DemoScenarios;
import org.qaqpa.sandbox.eservice.EServiceDemo;
import org.qaqpa.sandbox.eservice.EServiceSandbox;
import org.qaqpa.security.wss.GatewayTrust;
import org.qaqpa.server.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qaqpa demo}: starts a gateway with its sandbox systems on free ports and a fresh data directory, runs the
 * e-services of the regulations through it (docs/demo.md), prints each application's timeline, and exits 0 only if
 * every application went as the regulations say.
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
            description = "Directory holding qaqpa.yaml, members.yaml, services.yaml and services/ (default: ${DEFAULT-VALUE}).")
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
        try {
            config = ConfigLoader.load(ConfigLoader.fileOf(configDir, GatewayConfig.Federation.NATIONAL)).withPort(0);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        boolean temporary = dataDir == null;
        Path data = temporary ? Files.createTempDirectory("qaqpa-demo") : dataDir;
        Clock clock = Clock.systemUTC();
        Path pkiDir = GatewayTrust.developmentPkiDir(config, data);
        SandboxServer sandbox = SandboxServer.start(0, pkiDir, clock);
        config = config.withSecurity(config.security().withRevocation(config.security().revocation(),
                Optional.of(sandbox.caUrl() + "/ocsp")));
        Gateway gateway = new Gateway(config, data, clock);
        gateway.pathProvidersAt(sandbox.baseUrl());
        try {
            gateway.start();
            EServiceSandbox eservices = sandbox.startEServices(configDir.resolve("services"),
                    config.routing().routesDir().map(Path::of).orElse(CamelRuntime.DEFAULT_ROUTES_DIR).resolve("services"),
                    gateway.baseUri());
            System.out.println("Qaqpa demo: gateway " + gateway.baseUri() + ", sandbox systems " + sandbox.baseUrl()
                    + ", data " + data);
            boolean matched = new EServiceDemo(eservices, pkiDir, System.out, clock).run(DemoScenarios.all());
            if (keep) {
                System.out.println("Still running (Ctrl-C stops): gateway " + gateway.baseUri() + "/bip-sync/ and /bip-async/,"
                        + " portal history " + sandbox.baseUrl() + "/sandbox/portal, data " + data);
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                stopped.await();
            }
            return matched ? 0 : 1;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } finally {
            gateway.close();
            sandbox.close();
            if (temporary && !keep) {
                delete(data);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
