package org.qaqpa.server;

import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import javax.wsdl.WSDLException;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.ws.policy.PolicyEngine;
import org.apache.cxf.wsdl.WSDLManager;
import org.apache.camel.component.jms.JmsComponent;
import org.qaqpa.async.AsyncInbox;
import org.qaqpa.async.BrokerAdminClient;
import org.qaqpa.async.DeliveryQueue;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.async.BrokerConnection;
import org.qaqpa.async.BrokerLogin;
import org.qaqpa.async.DeliveryQueues;
import org.qaqpa.async.EmbeddedBroker;
import org.qaqpa.async.StatusNotifications;
import org.qaqpa.async.RedeliveryPolicy;
import org.qaqpa.config.ConfigSection;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.BodyRetention;
import org.qaqpa.log.ChainVerifier;
import org.qaqpa.log.MessageLog;
import org.qaqpa.log.MessageLogReader;
import org.qaqpa.log.StoreMode;
import org.qaqpa.ops.CertificateExpiryGauges;
import org.qaqpa.ops.CertificateServlet;
import org.qaqpa.ops.ConsoleServlet;
import org.qaqpa.ops.GatewayMetrics;
import org.qaqpa.ops.HealthCheck;
import org.qaqpa.ops.HealthServlet;
import org.qaqpa.ops.admin.AdminServer;
import org.qaqpa.ops.admin.ApplicationSource;
import org.qaqpa.ops.admin.AdminToken;
import org.qaqpa.ops.admin.SummaryHistory;
import org.qaqpa.async.BrokerAdminClient;
import org.qaqpa.ops.MetricsServlet;
import org.qaqpa.ops.QueueGauges;
import org.qaqpa.registry.Member;
import org.qaqpa.registry.MemberAuthenticator;
import org.qaqpa.registry.MemberRegistry;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.RegistryFiles;
import org.qaqpa.registry.ServiceRegistry;
import org.qaqpa.security.tls.ProviderTrust;
import org.qaqpa.security.wss.GatewayTrust;
import org.qaqpa.security.wss.TrustDirectoryWatch;
import org.qaqpa.security.wss.WsSecurity;
import org.qaqpa.routing.AnswerLogProcessor;
import org.qaqpa.routing.ServiceSla;
import org.qaqpa.routing.AsyncAcceptProcessor;
import org.qaqpa.routing.AsyncDeliveryProcessor;
import org.qaqpa.routing.DeliveryNotificationProcessor;
import org.qaqpa.routing.GetMessagesProcessor;
import org.qaqpa.routing.SenderNotifier;
import org.qaqpa.routing.StatusNotifyProcessor;
import org.qaqpa.routing.AsyncMessageRules;
import org.qaqpa.routing.AsyncMessageStatusProcessor;
import org.qaqpa.routing.AsyncRequestReader;
import org.qaqpa.routing.BusinessSignatureProcessor;
import org.qaqpa.routing.CamelRuntime;
import org.qaqpa.routing.ContractValidator;
import org.qaqpa.routing.MemberAuthProcessor;
import org.qaqpa.routing.NodeLogin;
import org.qaqpa.routing.NodeRequestProcessor;
import org.qaqpa.routing.ProviderCallProcessor;
import org.qaqpa.routing.ProviderClient;
import org.qaqpa.routing.RefusalLogProcessor;
import org.qaqpa.routing.RequestLogProcessor;
import org.qaqpa.routing.ServiceAuthorisationProcessor;
import org.qaqpa.routing.ReplayGuard;
import org.qaqpa.routing.ReplayGuardProcessor;
import org.qaqpa.routing.ServiceRouteProcessor;
import org.qaqpa.routing.UpstreamProvider;
import org.qaqpa.routing.UpstreamRouteProcessor;
import org.qaqpa.routing.Federation;
import org.qaqpa.routing.NodeAuthProcessor;
import org.qaqpa.routing.NodeAnswerProcessor;
import org.qaqpa.routing.NodeStatusProcessor;
import org.qaqpa.registry.ServiceMode;
import org.qaqpa.routing.RequestContextProcessor;
import org.qaqpa.routing.SyncRequestReader;
import org.qaqpa.storage.Database;
import org.qaqpa.storage.GroupCommit;
import org.qaqpa.xml.ContractSchema;
import org.qaqpa.xml.SecureXmlInputFactory;
import org.qaqpa.xml.XmlLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the gateway by constructor and starts them in order —
 * H2 (with Flyway), the message log and the replay guard, embedded Artemis, Camel with the YAML routes,
 * Jetty with the CXF endpoints — and stops them in reverse.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** The route template in routes/async-delivery.yaml that consumes one delivery queue. */
    private static final String DELIVERY_ROUTE_TEMPLATE = "async.delivery";
    private static final List<String> CONTRACT_SCHEMAS = List.of(
            "xsd/SyncChannel/v10/Types.xsd",
            "xsd/AsyncChannel/v10/Types.xsd",
            "xsd/AsyncChannel/v10/Client/Types.xsd");

    private final GatewayConfig config;
    private final Path dataDir;
    private final Clock clock;
    /** What has started, most recent first: closed in this order. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private Database database;
    /** The message log's, the replay check's and the async states' writes, committed together (see {@link GroupCommit}). */
    private GroupCommit databaseWrites;
    private MessageLog messageLog;
    private ReplayGuard replayGuard;
    private EmbeddedBroker embeddedBroker;
    private BrokerConnection broker;
    private DeliveryQueues deliveryQueues;
    private volatile Function<String, String> environment = System::getenv;
    private CamelRuntime camel;
    private JettyServer jetty;
    private Bus bus;
    private RegistryFiles registries;
    private AdminServer adminServer;
    /** The gateway's keys and trust anchors, which the admin API changes; empty when signatures are off. */
    private Optional<WsSecurity> security = Optional.empty();
    private boolean closed;
    private volatile URI pathProviderBase;
    /** The e-service applications of a sandbox in this process, for the admin API; null when none runs here. */
    private volatile ApplicationSource applications;
    /** How the gateway logs in at its broker; the queue gauges read the queues with it. */
    private BrokerLogin brokerLogin;
    /** What {@code /metrics} serves; serviceId and senderId tags are bounded by the registries. */
    private final GatewayMetrics metrics;

    public Gateway(GatewayConfig config, Path dataDir, Clock clock) {
        this.config = config;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.clock = clock;
        this.metrics = new GatewayMetrics(
                serviceId -> registries != null && registries.services().find(serviceId).isPresent(),
                senderId -> registries != null && registries.members().find(senderId).isPresent());
    }

    /**
     * Where providers registered by path ({@code url: /sandbox/echo} in services.yaml) are called: the
     * sandbox's listener, when {@code qaqpa run} or a test runs one; by default the gateway's own
     * address. A separate listener matters: a provider on the gateway's own thread pool would wait
     * for threads held by the very requests that call it.
     */
    public synchronized void pathProvidersAt(URI base) {
        this.pathProviderBase = base;
    }

    /**
     * The e-service applications of the sandbox running in this process ({@code qaqpa run}, tests), which the admin
     * API lists; without one it answers that no sandbox runs here. The sandbox implements the source: the gateway
     * does not import it.
     */
    public void applicationsFrom(ApplicationSource source) {
        this.applications = source;
    }

    /** Where secrets named in qaqpa.yaml ({@code async.broker-password-env}) are read; the process environment by default. */
    public synchronized void environmentFrom(Function<String, String> newEnvironment) {
        this.environment = newEnvironment;
    }

    /**
     * Starts every component; on failure, stops what had started and rethrows. Synchronized with
     * {@link #close()}: a stop requested during the start waits for it, then stops everything.
     */
    public synchronized void start() throws Exception {
        if (closed) {
            throw new IllegalStateException("a closed gateway cannot start again");
        }
        CompletableFuture<Prepared> prepared = null;
        CompletableFuture<Optional<WsSecurity>> security = null;
        CompletableFuture<RegistryFiles> registryFiles;
        try {
            Files.createDirectories(dataDir);
            // Work that needs no running component (CXF bus, WSDLs, schemas, JAXB) overlaps the database and broker start.
            prepared = CompletableFuture.supplyAsync(this::prepare, Gateway::runOnPrepareThread);
            // Trust material too; on a first start with the development PKI it generates RSA keys.
            security = CompletableFuture.supplyAsync(this::wsSecurity, Gateway::runOnPrepareThread);
            // After the trust material: certificate paths in the registries may name the development PKI it creates.
            registryFiles = security.thenApplyAsync(unused -> RegistryFiles.load(config.registry(), dataDir),
                    Gateway::runOnPrepareThread);
            startDatabase();
            startMessageLog();
            startReplayGuard();
            startBroker();
            startRegistries(await(registryFiles));
            startCamel(await(prepared), await(security));
            startMetrics(await(security));
            startTrustDirectoryWatch(await(security));
            startJetty();
            startAdmin();
            recordStart();
        } catch (Exception | Error e) {
            if (prepared != null && bus == null) {
                // Prepared but never handed to Camel: its bus is not among the started components.
                prepared.thenAccept(unused -> unused.bus().shutdown(false));
            }
            close();
            throw e;
        }
    }

    private void startDatabase() {
        long t0 = System.nanoTime();
        database = Database.open(config.database(), dataDir, environment);
        started.push(database);
        databaseWrites = new GroupCommit(database.dataSource(), "qaqpa-db-writes");
        started.push(databaseWrites);
        LOG.info("Database ready: {} ({} migrations applied) in {} ms", database.url(), database.migrationsApplied(), millisSince(t0));
    }

    /**
     * The message log's writer and the retention job. Started after Flyway and stopped after Camel and
     * Jetty (the reverse order), so every exchange in flight is logged before the database closes.
     */
    private void startMessageLog() {
        GatewayConfig.Log log = config.log();
        messageLog = new MessageLog(databaseWrites, log.chainId(), StoreMode.of(log.store()), clock);
        started.push(messageLog);
        BodyRetention retention = new BodyRetention(database.dataSource(), log.retention(), clock);
        started.push(retention);
        retention.start();
        LOG.info("Message log ready: chain '{}', store {}, envelopes kept {}", messageLog.chainId(), log.store(),
                log.retention());
    }

    /** The replay check the routes call as {@code replayGuard}, and its purge job; stopped after Camel like the log. */
    private void startReplayGuard() {
        GatewayConfig.Replay replay = config.replay();
        replayGuard = new ReplayGuard(database.dataSource(), databaseWrites, replay.window(), replay.maxFutureSkew(), clock);
        started.push(replayGuard);
        replayGuard.start();
        LOG.info("Replay guard ready: messageIds remembered {}, messageDate at most {} ahead",
                ConfigSection.formatDuration(replay.window()), ConfigSection.formatDuration(replay.maxFutureSkew()));
    }

    /**
     * The broker: embedded (started here, journal under the data directory) or external (async.broker-url);
     * either way reached through one {@link BrokerConnection}, on which {@link DeliveryQueues} sets up the
     * delivery queues and their retries. A broker that refuses the gateway stops the start.
     */
    private void startBroker() throws Exception {
        long t0 = System.nanoTime();
        GatewayConfig.Async async = config.async();
        if (async.externalBroker()) {
            brokerLogin = BrokerLogin.external(async, environment);
        } else {
            embeddedBroker = new EmbeddedBroker();
            started.push(embeddedBroker);
            embeddedBroker.start(dataDir.resolve("broker"));
            brokerLogin = new BrokerLogin(embeddedBroker.inVmUrl(), embeddedBroker.user(), embeddedBroker.password());
        }
        broker = BrokerConnection.open(brokerLogin.url(), brokerLogin.user(), brokerLogin.password());
        started.push(broker);
        deliveryQueues = new DeliveryQueues(broker, RedeliveryPolicy.of(async), this::startDeliveryRoute);
        LOG.info("Artemis started: {} in {} ms", async.externalBroker() ? "external broker at " + broker.url()
                : "persistent journal in " + dataDir.resolve("broker"), millisSince(t0));
    }

    /** The delivery route of one queue, from the template in routes/async-delivery.yaml. */
    private void startDeliveryRoute(String queue) {
        String routeId = "async.delivery" + queue.substring(DeliveryQueue.DELIVERY.length());
        try {
            camel.context().addRouteFromTemplate(routeId, DELIVERY_ROUTE_TEMPLATE, Map.of("queue", queue));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the delivery route of " + queue + ": " + e.getMessage(), e);
        }
    }

    /** Starts reloading the registries on change; a bad registry file has already stopped the start (ConfigException). */
    private void startRegistries(RegistryFiles loaded) {
        registries = loaded;
        started.push(registries);
        registries.start();
        warnAboutTransportLimits();
    }

    /**
     * Member settings this listener makes pointless: a {@code max-request-size} above {@code server.max-request-size}
     * (the listener's limit refuses first) and {@code tls-client-certificate: required} where no client certificate
     * is ever asked for (every request of the member would be refused). Said once at start; the files may change later.
     */
    private void warnAboutTransportLimits() {
        GatewayConfig.Server server = config.server();
        for (Member member : registries.members().all()) {
            if (member.maxRequestSize().isPresent() && member.maxRequestSize().getAsLong() > server.maxRequestSize()) {
                LOG.warn("Member '{}': max-request-size {} is above server.max-request-size {}, which applies first",
                        member.senderId(), member.maxRequestSize().getAsLong(), server.maxRequestSize());
            }
            if (member.tlsClientCertificateRequired() && !server.tls().asksClientCertificate()) {
                LOG.warn("Member '{}' requires a TLS client certificate, but server.tls does not ask for one (enabled: {},"
                        + " client-auth: {}): all its requests are refused (SENDER_TLS_CERT_MISMATCH)", member.senderId(),
                        server.tls().enabled(), server.tls().clientAuth());
            }
        }
    }

    /** What {@link #prepare()} builds before Camel starts. */
    private record Prepared(Bus bus, ContractSchema schema, SyncRequestReader syncRequestReader) {
    }

    private Prepared prepare() {
        Bus bus = BusFactory.newInstance().createBus();
        forgetAsDefaultBus(bus);
        // Without a class loader of its own, CXF's servlet asks the resource manager for one on every request,
        // which looks up the resource "" in each jar of the class path (seen in profiles of the async channel).
        bus.setExtension(Gateway.class.getClassLoader(), ClassLoader.class);
        withoutWsPolicy(bus);
        try {
            // Parsed once here, cached by the bus, reused when Camel publishes the endpoints.
            WSDLManager wsdls = bus.getExtension(WSDLManager.class);
            for (SoapChannel channel : SoapChannel.values()) {
                wsdls.getDefinition(Gateway.class.getClassLoader().getResource(channel.wsdl()).toExternalForm());
            }
            return new Prepared(bus, ContractSchema.load(CONTRACT_SCHEMAS), new SyncRequestReader());
        } catch (WSDLException e) {
            bus.shutdown(false);
            throw new IllegalStateException("cannot read the SOAP contract: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            bus.shutdown(false);
            throw e;
        }
    }

    /**
     * The gateway checks signatures itself ({@code security.wss}) and its WSDLs carry no WS-Policy; the policy
     * engine that cxf-rt-ws-security brings onto every bus (for the benchmark's hand-rolled reference proxy)
     * would only add its interceptors to every message in and out (2–3 % of a request thread in profiles).
     */
    private static void withoutWsPolicy(Bus bus) {
        PolicyEngine policies = bus.getExtension(PolicyEngine.class);
        if (policies != null) {
            policies.setEnabled(false);
        }
    }

    /** The WS-Security of {@code security.*}; creating the development PKI on a first start happens here. */
    private Optional<WsSecurity> wsSecurity() {
        Optional<WsSecurity> security = WsSecurity.from(config, dataDir, clock, metrics::pkiFetch);
        if (security.isEmpty()) {
            LOG.warn("security.require-signature is false: requests are not authenticated, answers not signed");
        }
        return security;
    }

    private static void runOnPrepareThread(Runnable task) {
        Thread thread = new Thread(task, "qaqpa-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    private static <T> T await(CompletableFuture<T> prepared) throws Exception {
        try {
            return prepared.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void startCamel(Prepared prepared, Optional<WsSecurity> security) throws Exception {
        long t0 = System.nanoTime();
        bus = prepared.bus();
        started.push(() -> bus.shutdown(true));
        XmlLimits limits = config.xmlLimits();
        SecureXmlInputFactory xmlInput = new SecureXmlInputFactory(limits);
        SoapEndpoints endpoints = new SoapEndpoints(bus, xmlInput, security, config.server().publicUrl(), clock, metrics);

        Map<String, Object> beans = new LinkedHashMap<>(endpoints.beans());
        beans.put("requestContextProcessor", new RequestContextProcessor());
        beans.put("contractValidator", new ContractValidator(prepared.schema()));
        beans.put("syncRequestReader", prepared.syncRequestReader());
        beans.put("asyncRequestReader", new AsyncRequestReader());
        DeliveryStateStore states = new DeliveryStateStore(database.dataSource(), databaseWrites, clock);
        AsyncInbox inbox = new AsyncInbox(database.dataSource(), clock);
        beans.put("asyncMessageRules", new AsyncMessageRules(registries.members(), states));
        beans.put("asyncAccept", new AsyncAcceptProcessor(states, new DeliveryQueue(broker.connectionFactory()),
                deliveryQueues, clock));
        beans.put("asyncMessageStatus", new AsyncMessageStatusProcessor(states, clock));
        beans.put("asyncGetMessages", new GetMessagesProcessor(inbox, states, registries.services(), config.async().pullLease(),
                config.async().pullMaxBytes(), limits, clock));
        SenderNotifier notifier = new SenderNotifier(states, registries.members(),
                new StatusNotifications(broker.connectionFactory()));
        beans.put("asyncDeliveryNotification", new DeliveryNotificationProcessor(inbox, states, notifier, clock));
        beans.put("asyncJms", asyncJms());
        beans.put("messageLog", messageLog);
        beans.put("replayGuard", new ReplayGuardProcessor(replayGuard));
        beans.put("memberRegistry", registries.members());
        beans.put("serviceRegistry", registries.services());
        MemberAuthenticator authenticator = new MemberAuthenticator(registries.members());
        beans.put("memberAuthenticator", authenticator);
        beans.put("memberAuthProcessor", new MemberAuthProcessor(authenticator));
        beans.put("serviceRouteProcessor", new ServiceRouteProcessor(registries.services()));
        Federation federation = federation();
        beans.put("nodeRequest", new NodeRequestProcessor());
        beans.put("syncServiceRoute", new UpstreamRouteProcessor(registries.services(), federation.syncUpstream(), ServiceMode.SYNC));
        beans.put("asyncServiceRoute", new UpstreamRouteProcessor(registries.services(), federation.asyncUpstream(),
                ServiceMode.ASYNC));
        beans.put("nodeAuth", new NodeAuthProcessor(registries.members(), authenticator));
        beans.put("nodeAnswer", new NodeAnswerProcessor(states));
        beans.put("nodeStatus", new NodeStatusProcessor(states, notifier, clock));
        beans.put("serviceAuthorisation", new ServiceAuthorisationProcessor(authenticator));
        beans.put("businessSignature", new BusinessSignatureProcessor(security.map(WsSecurity::providers), limits));
        beans.put("requestLog", new RequestLogProcessor(messageLog));
        beans.put("refusalLog", new RefusalLogProcessor(messageLog, metrics));
        beans.put("answerLog", new AnswerLogProcessor(messageLog, metrics));
        ProviderClient providers = new ProviderClient(security.map(WsSecurity::providers), limits,
                ProviderTrust.context(config.routing().tls(), environment));
        ServiceSla sla = new ServiceSla(registries.services(), metrics, clock);
        beans.put("providerCall", new ProviderCallProcessor(providers, messageLog, this::pathProviderBase, federation.login(),
                metrics, sla));
        beans.put("asyncDelivery", new AsyncDeliveryProcessor(providers, registries.services(), registries.members(), states, inbox,
                notifier, messageLog, limits, this::pathProviderBase, deliveryQueues::maxDeliveryAttempts, federation,
                metrics, sla));
        beans.put("statusNotify", new StatusNotifyProcessor(providers, registries.members(), messageLog,
                this::pathProviderBase, clock));
        camel = new CamelRuntime(config.routing().routesDir().map(Path::of), beans);
        started.push(camel);
        camel.start();
        // The delivery routes come from a template, one per queue: the shared one now, a service's own when
        // the services file names it (at start and at every reload, before the new services are visible).
        deliveryQueues.start();
        registries.services().beforeReplace(deliveryQueues::serve);
        deliveryQueues.serve(registries.services().all());
        LOG.info("Camel started: {} routes from {} in {} ms", camel.context().getRoutesSize(), camel.routesSource(),
                millisSince(t0));
    }

    /**
     * This gateway among the gateway nodes: on a regional node its upstream, the national gateway, as the provider
     * its sync route forwards to and its async delivery passes messages on to; on every node its login at nodes.
     */
    private Federation federation() {
        GatewayConfig.Federation federation = config.federation();
        if (!federation.regional()) {
            return Federation.national(nodeLogin());
        }
        GatewayConfig.Upstream configured = federation.upstream().orElseThrow();
        boolean developmentPki = GatewayTrust.usesDevelopmentPki(config);
        Path devPkiDir = GatewayTrust.developmentPkiDir(config, dataDir);
        Provider upstream = UpstreamProvider.of(configured, developmentPki, devPkiDir);
        Optional<Provider> asyncUpstream = UpstreamProvider.async(configured, developmentPki, devPkiDir);
        LOG.info("Regional node '{}': serviceIds not registered here go to the upstream {} (answers signed by {})",
                federation.senderId(), upstream.url(), upstream.certificate().describe());
        if (asyncUpstream.isPresent()) {
            LOG.info("Regional node '{}': async messages for them are passed on to {}", federation.senderId(),
                    asyncUpstream.get().url());
        } else {
            LOG.warn("federation.upstream.url {} does not end in /bip-sync/: async messages for serviceIds not registered"
                    + " here are refused (SERVICE_NOT_FOUND)", configured.url());
        }
        return new Federation(Optional.of(upstream), asyncUpstream, nodeLogin());
    }

    /**
     * How this gateway signs in at other gateway nodes: {@code federation.sender-id} and the password in the
     * variable {@code federation.password-env}; on the development PKI without it, the development password.
     */
    private NodeLogin nodeLogin() {
        GatewayConfig.Federation federation = config.federation();
        String password = environment.apply(federation.passwordEnv());
        if (password == null && GatewayTrust.usesDevelopmentPki(config)) {
            password = NodeLogin.DEVELOPMENT_PASSWORD;
            if (federation.regional()) {
                LOG.warn("{} is not set: signing in at the upstream as '{}' with the development password (never in"
                        + " production)", federation.passwordEnv(), federation.senderId());
            }
        } else if (password == null) {
            LOG.info("{} is not set: requests to gateway nodes (node: true in services.yaml) carry no password, and the"
                    + " nodes will refuse them", federation.passwordEnv());
        }
        return new NodeLogin(federation.senderId(), password);
    }

    /** Where providers registered by path are called: the sandbox's listener when set, else the gateway itself. */
    private URI pathProviderBase() {
        URI base = pathProviderBase;
        return base != null ? base : baseUri();
    }

    /**
     * The JMS component of the async routes ({@code asyncJms:queue:…}): the broker's shared connection,
     * a locally transacted session per consumer (an exception in the route rolls the delivery back to
     * the broker, whose address settings decide when it comes again), {@code async.delivery-consumers}
     * at once. No Camel redelivery and no transaction manager: the broker is the one retry owner.
     */
    private JmsComponent asyncJms() {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(broker.connectionFactory());
        jms.setTransacted(true);
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        jms.setConcurrentConsumers(config.async().deliveryConsumers());
        jms.setMaxConcurrentConsumers(config.async().deliveryConsumers());
        // a failed delivery is recorded in the state store and the message log; no stack trace per attempt
        jms.setErrorHandlerLogStackTrace(false);
        // The listener's session stays its own: a JMS send made while delivering (the sender's status
        // notification into qaqpa.async.notify) must not join the delivery's transaction, or a failed last
        // attempt would roll back its DELIVERY_STOPPED notification together with the delivery.
        jms.getConfiguration().setExposeListenerSession(false);
        return jms;
    }

    /**
     * The gauges {@code /metrics} reads at each scrape: the async queues (over a management connection of its own,
     * closed before the broker) and the days to expiry of the gateway's, the members', the anchors' and the HTTPS
     * listener's certificates (the listener starts after this: read at each scrape).
     */
    private void startMetrics(Optional<WsSecurity> security) {
        this.security = security;
        QueueGauges queues = new QueueGauges(metrics, () -> BrokerAdminClient.connect(brokerLogin));
        started.push(queues);
        new CertificateExpiryGauges(metrics, () -> security.map(WsSecurity::gatewayCertificate),
                () -> security.map(WsSecurity::trustAnchors).orElse(List.of()), () -> registries.members().all(),
                () -> jetty == null ? List.of() : jetty.tlsCertificates(), clock);
    }

    /** Nodes sharing {@code security.trust-dir} follow an anchor another node added or removed (every 2 s). */
    private void startTrustDirectoryWatch(Optional<WsSecurity> security) {
        security.map(WsSecurity::anchors)
                .ifPresent(anchors -> started.push(TrustDirectoryWatch.start(anchors, TrustDirectoryWatch.INTERVAL)));
    }

    private void startJetty() throws Exception {
        long t0 = System.nanoTime();
        List<HealthCheck> components = List.of(
                new HealthCheck("database", database::isUp),
                new HealthCheck("artemis", () -> broker.isConnected() && (embeddedBroker == null || embeddedBroker.isActive())),
                new HealthCheck("camel", camel::isUp),
                new HealthCheck("jetty", () -> jetty.isUp()));
        List<HealthCheck> readiness = new ArrayList<>(components);
        readiness.add(new HealthCheck("registries", () -> registries != null));
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        servlets.put("/health", new HealthServlet(components));
        servlets.put("/health/ready", new HealthServlet(readiness));
        servlets.put("/health/live", new HealthServlet(List.of()));
        servlets.put("/metrics", new MetricsServlet(metrics));
        security.ifPresent(wss -> servlets.put("/certificate", new CertificateServlet(wss.keys(), clock)));
        // the console's shell only: its config.json points to the admin listener, which starts later
        servlets.put("/console/*", new ConsoleServlet(() -> ConsoleServlet.elsewhere(adminUri()
                .map(api -> api.resolve("/console/").toString()).orElse(null))));
        jetty = new JettyServer(config.server(), bus, servlets, environment);
        started.push(jetty);
        jetty.start();
        LOG.info("Jetty listening on {} (endpoints /bip-sync/, /bip-async/, /bip-async-client/, /health, /metrics, /certificate, /console/) in {} ms",
                baseUri(), millisSince(t0));
    }

    /**
     * The admin API on its own listener ({@code admin.*}, docs/admin-api.md), when the variable {@code admin.token-env}
     * holds a token of at least {@value AdminToken#MIN_LENGTH} characters; else it stays off and the log says why.
     */
    private void startAdmin() throws Exception {
        GatewayConfig.Admin admin = config.admin();
        String value = environment.apply(admin.tokenEnv());
        Optional<AdminToken> token = AdminToken.of(value);
        if (token.isEmpty()) {
            LOG.info("Admin API off: {} {}", admin.tokenEnv(), value == null || value.isBlank() ? "is not set"
                    : "holds fewer than " + AdminToken.MIN_LENGTH + " characters");
            return;
        }
        SummaryHistory history = SummaryHistory.start(metrics, admin, clock);
        started.push(history);
        adminServer = AdminServer.start(config, dataDir, token.get(), registries, database.dataSource(), messageLog,
                new DeliveryStateStore(database.dataSource(), databaseWrites, clock), () -> BrokerAdminClient.connect(brokerLogin),
                security.map(WsSecurity::keyRotation), security.map(WsSecurity::anchors), security.map(WsSecurity::crls),
                security.map(WsSecurity::providers), metrics, history, baseUri(), this::pathProviderBase,
                () -> Optional.ofNullable(applications), clock, environment);
        started.push(adminServer);
        LOG.info("Admin API listening on {}", adminServer.baseUri());
    }

    private void recordStart() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO gateway_start (started_at, version, http_port) VALUES (?, ?, ?)")) {
            insert.setObject(1, OffsetDateTime.now(clock));
            insert.setString(2, version());
            insert.setInt(3, port());
            insert.executeUpdate();
        }
    }

    /** Our bus must not become CXF's process-wide default, which clients in the same JVM would pick up. */
    private static void forgetAsDefaultBus(Bus bus) {
        if (BusFactory.getDefaultBus(false) == bus) {
            BusFactory.setDefaultBus(null);
        }
        if (BusFactory.getThreadDefaultBus(false) == bus) {
            BusFactory.setThreadDefaultBus(null);
        }
    }

    /** The gateway's version from the jar manifest, {@code dev} when run from classes. */
    public static String version() {
        String version = Gateway.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** The meters {@code /metrics} serves. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The message log the routes record every exchange in (also bound in Camel as {@code messageLog}). */
    public MessageLog messageLog() {
        return messageLog;
    }

    /** A verifier of the message log's chain (what {@code qaqpa log verify} runs). */
    public ChainVerifier messageLogVerifier() {
        return new ChainVerifier(database.dataSource());
    }

    /** A reader of the message log (what {@code qaqpa log show} prints). */
    public MessageLogReader messageLogReader() {
        return new MessageLogReader(database.dataSource());
    }

    /** The replay check the routes call (through the bean {@code replayGuard}). */
    public ReplayGuard replayGuard() {
        return replayGuard;
    }

    /** The gateway's connection to its broker (embedded or external); operators' tools read the queues through it. */
    public BrokerConnection brokerConnection() {
        return broker;
    }

    /** The registered members, current with {@code members.yaml}. */
    public MemberRegistry members() {
        return registries.members();
    }

    /** The registered services, current with {@code services.yaml}. */
    public ServiceRegistry services() {
        return registries.services();
    }

    /** The registry files and their reload state. */
    public RegistryFiles registries() {
        return registries;
    }

    public int port() {
        return jetty.port();
    }

    /** The admin API's address ({@code http://host:port/admin/}), empty when it is off (no token). */
    public Optional<URI> adminUri() {
        return Optional.ofNullable(adminServer).map(AdminServer::baseUri);
    }

    /** Base address of the HTTP server, e.g. {@code http://127.0.0.1:8080} ({@code https} with {@code server.tls}). */
    public URI baseUri() {
        return URI.create(jetty.scheme() + "://" + jetty.host() + ":" + jetty.port());
    }

    /** Stops gracefully: in-flight HTTP requests finish first, then Camel, Artemis and the database close. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
