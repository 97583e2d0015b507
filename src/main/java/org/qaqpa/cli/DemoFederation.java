package org.qaqpa.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.registry.NodeAddresses;
import org.qaqpa.routing.CamelRuntime;
import org.qaqpa.sandbox.SandboxServer;
import org.qaqpa.sandbox.eservice.EServiceSandbox;
import org.qaqpa.security.wss.GatewayTrust;
import org.qaqpa.server.Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development federation {@code qaqpa demo} runs in one process, on free ports: a national gateway and the
 * development regional node (docs/regional.md), each with its own sandbox systems and e-services — the front ends and
 * the national providers on the national node, the region's providers (ІСБ) on the regional one. The regional node
 * has its own data directory ({@code DATA/regional}) and uses the national node's development PKI; both read copies
 * of their registry files ({@code DATA/registry/}) that name the other node where it actually runs.
 */
final class DemoFederation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFederation.class);

    private final List<AutoCloseable> started = new ArrayList<>();
    private Gateway national;
    private Gateway regional;
    private SandboxServer nationalSandbox;
    private SandboxServer regionalSandbox;
    private EServiceSandbox frontEnds;
    private EServiceSandbox regionalEServices;

    /**
     * Starts both nodes and their e-services.
     *
     * @param nationalConfig the national node's configuration (port 0)
     * @param regionalConfig the regional node's ({@code regional.yaml}; port 0)
     * @param passports      the passports' directory ({@code CONFIG/services}), read by both nodes' sandboxes
     */
    static DemoFederation start(GatewayConfig nationalConfig, GatewayConfig regionalConfig, Path passports, Path data, Clock clock)
            throws Exception {
        DemoFederation federation = new DemoFederation();
        try {
            federation.startNodes(nationalConfig, regionalConfig, passports, data, clock);
            return federation;
        } catch (Exception e) {
            federation.close();
            throw e;
        }
    }

    private void startNodes(GatewayConfig nationalConfig, GatewayConfig regionalConfig, Path passports, Path data, Clock clock)
            throws Exception {
        Path registry = Files.createDirectories(data.resolve("registry"));
        Path members = registry.resolve("members.yaml");
        Path services = registry.resolve("services.yaml");
        Files.copy(Path.of(nationalConfig.registry().membersFile()), members, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of(nationalConfig.registry().servicesFile()), services, StandardCopyOption.REPLACE_EXISTING);
        Path pkiDir = GatewayTrust.developmentPkiDir(nationalConfig, data);
        nationalSandbox = sandbox(pkiDir, clock);
        national = gateway(asking(nationalConfig, regionalConfig).withRegistry(new GatewayConfig.Registry(members.toString(), services.toString(),
                nationalConfig.registry().reloadInterval())), nationalSandbox, data, clock);

        Path regionalMembers = NodeAddresses.copy(Path.of(regionalConfig.registry().membersFile()),
                registry.resolve("regional-members.yaml"), NodeAddresses.NATIONAL, national.baseUri());
        GatewayConfig region = asking(regionalConfig, nationalConfig)
                .withRegistry(new GatewayConfig.Registry(regionalMembers.toString(), regionalConfig.registry().servicesFile(),
                        regionalConfig.registry().reloadInterval()))
                .withFederation(regionalConfig.federation().withUpstreamUrl(national.baseUri().resolve("/bip-sync/").toString()));
        region = region.withSecurity(region.security().withDevPkiDir(pkiDir.toString()));
        regionalSandbox = sandbox(pkiDir, clock);
        regional = gateway(region, regionalSandbox, Files.createDirectories(data.resolve("regional")), clock);

        NodeAddresses.copy(Path.of(nationalConfig.registry().membersFile()), members, NodeAddresses.REGIONAL, regional.baseUri());
        NodeAddresses.copy(Path.of(nationalConfig.registry().servicesFile()), services, NodeAddresses.REGIONAL, regional.baseUri());
        national.registries().checkNow();

        frontEnds = nationalSandbox.startEServices(passports, routes(nationalConfig), national.baseUri());
        regionalEServices = regionalSandbox.startEServices(passports, routes(region), regional.baseUri());
    }

    /**
     * {@code config} with {@code other} as its {@code admin.peers}, unless its file names peers already, so that the
     * console's log detail shows both nodes of the demo on its timeline (when the admin API runs: QAQPA_ADMIN_TOKEN
     * set, read by both nodes). The admin ports come from the files (8081, 8091), known before either node starts.
     */
    static GatewayConfig asking(GatewayConfig config, GatewayConfig other) {
        if (!config.admin().peers().isEmpty() || other.admin().port() == 0) {
            return config;
        }
        String url = "http://" + other.admin().host() + ":" + other.admin().port() + "/admin/";
        return config.withAdmin(config.admin().withPeers(List.of(
                new GatewayConfig.Peer(other.federation().senderId(), url, other.admin().tokenEnv()))));
    }

    private SandboxServer sandbox(Path pkiDir, Clock clock) throws Exception {
        SandboxServer sandbox = SandboxServer.start(0, pkiDir, clock);
        started.add(0, sandbox);
        return sandbox;
    }

    /** A gateway whose OCSP responder and in-process providers are those of its own sandbox. */
    private Gateway gateway(GatewayConfig config, SandboxServer sandbox, Path data, Clock clock) throws Exception {
        GatewayConfig withOcsp = config.withSecurity(config.security().withRevocation(config.security().revocation(),
                Optional.of(sandbox.caUrl() + "/ocsp")));
        Gateway gateway = new Gateway(withOcsp, data, clock);
        gateway.pathProvidersAt(sandbox.baseUrl());
        started.add(0, gateway);
        gateway.start();
        return gateway;
    }

    private static Path routes(GatewayConfig config) {
        return config.routing().routesDir().map(Path::of).orElse(CamelRuntime.DEFAULT_ROUTES_DIR).resolve("services");
    }

    /** The national node's e-services: the front ends (portal, PSC) and the national providers. */
    EServiceSandbox frontEnds() {
        return frontEnds;
    }

    /** Every node's e-services, where the provider systems' records of the applications are. */
    List<EServiceSandbox> providers() {
        return List.of(frontEnds, regionalEServices);
    }

    /** One line naming where everything runs. */
    String addresses() {
        return "national gateway " + national.baseUri() + " (sandbox " + nationalSandbox.baseUrl() + "), regional gateway "
                + regional.baseUri() + " (sandbox " + regionalSandbox.baseUrl() + ")";
    }

    /** The national node's sandbox, where the portal's and the PSC's endpoints are. */
    URI nationalSandbox() {
        return nationalSandbox.baseUrl();
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : started) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", closeable.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
