package org.qaqpa.sandbox;

import jakarta.servlet.http.HttpServlet;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.qaqpa.sandbox.eservice.EServiceSandbox;
import org.qaqpa.sandbox.registry.GbdflRegistry;
import org.qaqpa.sandbox.registry.GbdulRegistry;
import org.qaqpa.sandbox.registry.RegistrySeed;
import org.qaqpa.sandbox.registry.TaxRegistry;
import org.qaqpa.xml.XmlLimits;

/**
 * The sandbox provider systems, as servlets for the {@link SandboxServer}: the echo provider of
 * {@code TEST_SERVICE_ID} at {@value #ECHO_PATH}, the PUSH recipient of {@code TEST_ASYNC_SERVICE_ID} at
 * {@value #ASYNC_RECEIVER_PATH}, the state registries at {@value #GBDFL_PATH}, {@value #GBDUL_PATH} and
 * {@value #TAX_PATH} (seeded from the class path, {@code RegistrySeed}) and the misbehaving providers under
 * {@value #FAULTY_PREFIX} (see docs/sandbox.md). They sign and verify with the development PKI in
 * {@code pkiDir}, read on the first request, since the gateway creates it at its first start.
 */
public final class SandboxProviders {

    public static final String ECHO_PATH = "/sandbox/echo";
    public static final String FAULTY_PREFIX = "/sandbox/faulty/";
    public static final String ASYNC_RECEIVER_PATH = "/sandbox/async-receiver";
    /** The e-service provider systems' endpoints, {@code /sandbox/provider/SYSTEM} (docs/services.md). */
    public static final String PROVIDER_PATH = "/sandbox/provider/*";
    /** The portal's endpoint for statuses and results (its {@code async-url}). */
    public static final String PORTAL_PATH = "/sandbox/portal";
    /** The PSC information system's endpoint for statuses and results (its {@code async-url}). */
    public static final String PSC_PATH = "/sandbox/psc";
    /** The e-services' step metrics (Prometheus text). */
    public static final String METRICS_PATH = "/sandbox/metrics";
    /** The state registries: ГБД ФЛ, ГБД ЮЛ and the tax system (docs/sandbox.md, "State registries"). */
    public static final String GBDFL_PATH = "/sandbox/gbdfl";
    public static final String GBDUL_PATH = "/sandbox/gbdul";
    public static final String TAX_PATH = "/sandbox/tax";

    private SandboxProviders() {
    }

    /** Path → servlet, in a stable order; all share one lazily opened set of keys. */
    public static Map<String, HttpServlet> servlets(Path pkiDir, Clock clock) {
        return servlets(pkiDir, clock, new AtomicReference<>(), XmlLimits.defaults());
    }

    /**
     * As {@link #servlets(Path, Clock)}, with the e-service participants, which serve once {@code eservices} is set;
     * the echo provider and the PUSH recipient, which stand in for any provider, read requests with {@code limits}.
     */
    static Map<String, HttpServlet> servlets(Path pkiDir, Clock clock, AtomicReference<EServiceSandbox> eservices,
                                             XmlLimits limits) {
        ProviderKeys.Lazy keys = new ProviderKeys.Lazy(pkiDir);
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        servlets.put(ECHO_PATH, new EchoProvider(keys, clock, limits));
        servlets.put(ASYNC_RECEIVER_PATH, new AsyncReceiver(keys, clock, limits));
        servlets.put(PROVIDER_PATH, new EServiceServlet(EServiceServlet.Role.PROVIDER, eservices, keys, clock));
        servlets.put(PORTAL_PATH, new EServiceServlet(EServiceServlet.Role.PORTAL, eservices, keys, clock));
        servlets.put(PSC_PATH, new EServiceServlet(EServiceServlet.Role.PSC, eservices, keys, clock));
        servlets.put(METRICS_PATH, new EServiceMetricsServlet(eservices));
        RegistrySeed seed = RegistrySeed.load();
        servlets.put(GBDFL_PATH, new RegistryProvider(new GbdflRegistry(seed, clock), keys, clock));
        servlets.put(GBDUL_PATH, new RegistryProvider(new GbdulRegistry(seed), keys, clock));
        servlets.put(TAX_PATH, new RegistryProvider(new TaxRegistry(seed, clock), keys, clock));
        for (FaultyProvider.Misbehaviour misbehaviour : FaultyProvider.Misbehaviour.values()) {
            servlets.put(misbehaviour.path(), new FaultyProvider(misbehaviour, keys, clock, FaultyProvider.SLOW_DELAY));
        }
        return servlets;
    }
}
