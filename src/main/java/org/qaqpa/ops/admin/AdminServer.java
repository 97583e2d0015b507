package org.qaqpa.ops.admin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.qaqpa.async.BrokerAdminClient;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.MessageLog;
import org.qaqpa.log.MessageLogReader;
import org.qaqpa.log.MessageLogSearch;
import org.qaqpa.ops.ConsoleServlet;
import org.qaqpa.ops.GatewayMetrics;
import org.qaqpa.registry.MembersFile;
import org.qaqpa.registry.RegistryFiles;
import org.qaqpa.registry.ServicesFile;
import org.qaqpa.security.tls.ProviderTrust;
import org.qaqpa.security.wss.GatewayCrls;
import org.qaqpa.security.wss.KeyRotation;
import org.qaqpa.security.wss.ProviderSecurity;
import org.qaqpa.security.wss.GatewayTrust;
import org.qaqpa.security.wss.TrustAnchors;
import org.qaqpa.server.JettyServer;

/**
 * The admin API's own HTTP listener ({@code admin.host}:{@code admin.port}), apart from the SOAP listener: its
 * paths are not served there, and it can stay on loopback or a management network while SOAP faces the members.
 * A few threads: operators, not traffic. TLS with client certificates (mTLS) comes with the gateway's TLS support;
 * until then keep it on loopback or behind a TLS proxy (docs/admin-api.md). It also serves the operator console at
 * {@code /console/} (docs/console.md), whose page calls this API at the same origin.
 */
public final class AdminServer implements AutoCloseable {

    private static final int THREADS = 8;

    private final Server server;
    private final ServerConnector connector;

    private AdminServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Builds the admin API over the gateway's parts and starts listening.
     *
     * @param dataDir the gateway's data directory, for {@code ${data}/} in the registries' certificate paths
     * @param log     the gateway's message log: admin actions are audited on its chain
     * @param broker  a new management session with the gateway's broker
     * @param keyRotation the gateway's key rotation, empty when it signs nothing
     * @param anchors the gateway's trust anchors, empty when it checks no signature
     * @param crls    the CRLs the gateway checks certificates with, empty when it checks no signature
     * @param signatureChecks the gateway's signature verifier and certificate validator (for the signatures of the
     *                        message log's envelopes), empty when it checks no signature
     * @param metrics the gateway's meters, read by {@code GET /admin/summary}
     * @param history the samples of those meters over time, read by {@code GET /admin/summary/history}
     * @param soapBase the SOAP listener's base address, where the integrator routes send to the gateway itself
     * @param pathProviderBase where providers registered by path are called: the integrator routes may send to every
     *                         provider URL of services.yaml too (with the {@code routing.tls} trust)
     * @param environment where the {@code admin.peers} token variables are read
     * @param applications the e-service applications of a sandbox running in this process, read at each request
     * @throws Exception if the port cannot be bound
     */
    public static AdminServer start(GatewayConfig config, Path dataDir, AdminToken token, RegistryFiles registries,
                                    DataSource dataSource, MessageLog log, DeliveryStateStore states,
                                    Supplier<BrokerAdminClient> broker, Optional<KeyRotation> keyRotation,
                                    Optional<TrustAnchors> anchors, Optional<GatewayCrls> crls,
                                    Optional<ProviderSecurity> signatureChecks, GatewayMetrics metrics, SummaryHistory history,
                                    URI soapBase, Supplier<URI> pathProviderBase,
                                    Supplier<Optional<ApplicationSource>> applications, Clock clock,
                                    Function<String, String> environment) throws Exception {
        RegistryEditor members = new RegistryEditor(RegistryEditor.Registry.MEMBERS, Path.of(config.registry().membersFile()),
                file -> List.copyOf(MembersFile.read(file, dataDir)), registries::checkNow, clock);
        RegistryEditor services = new RegistryEditor(RegistryEditor.Registry.SERVICES,
                Path.of(config.registry().servicesFile()), file -> List.copyOf(ServicesFile.read(file, dataDir)),
                registries::checkNow, clock);
        MessageLogReader logReader = new MessageLogReader(dataSource);
        AdminServlet servlet = new AdminServlet(token, members, services, registries, new LogResource(new MessageLogSearch(dataSource),
                logReader, LogSignatures.of(config, logReader, signatureChecks, clock)),
                new QueueResource(broker, states, log),
                new CrlResource(crls, clock), new KeyResource(keyRotation, clock), new TrustAnchorResource(anchors, clock),
                new SummaryResource(metrics, clock, new SlaBreaches(metrics, () -> registries.services().all(), applications)),
                history,
                new IntegratorResource(soapBase, () -> registries.services().all(), pathProviderBase,
                        ProviderTrust.context(config.routing().tls(), environment),
                        GatewayTrust.developmentPkiDir(config, dataDir), GatewayTrust.usesDevelopmentPki(config), clock),
                new TimelineResource(config.federation().senderId(), config.admin().peers(),
                        logReader, new PeerLogClient(environment)),
                new AdminAudit(log), new ApplicationsResource(applications));

        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
        threads.setName("qaqpa-admin");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.admin().host());
        connector.setPort(config.admin().port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("admin", servlet), "/admin/*");
        context.addServlet(new ServletHolder("console", new ConsoleServlet(ConsoleServlet::onAdminListener)), "/console/*");
        context.setErrorHandler(JettyServer.quietErrorHandler());
        server.setHandler(context);
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new AdminServer(server, connector);
    }

    /** {@code http://host:port/admin/}. */
    public URI baseUri() {
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort() + "/admin/");
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
