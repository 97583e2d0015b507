package org.qaqpa.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's meters, served by {@code GET /metrics} in the Prometheus text format (docs/operations.md lists
 * them): requests by outcome, request and provider-call latency, OCSP and CRL fetches; gauges (queue depths,
 * certificate expiry) are read at scrape time by {@link #beforeScrape(Runnable) refreshers}.
 *
 * <p>Every tag value is bounded: a serviceId or senderId is used only when the registries know it, else it is
 * {@value #UNREGISTERED} (a sender can write anything into a request; a tag per invented id would grow the
 * registry without limit). Counters and timers are looked up once per tag set and cached: the hot path does one
 * map lookup per meter.
 */
public final class GatewayMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMetrics.class);

    /** Tag value of an id the registries do not know. */
    public static final String UNREGISTERED = "unregistered";
    /** Tag value of an id the request did not state (refused before it was read) and of "no error code". */
    public static final String NONE = "none";
    /** The {@code outcome} tag of an answered request. */
    public static final String OK = "ok";
    /** The {@code outcome} tag of a refused request. */
    public static final String FAULT = "fault";

    /**
     * Bucket bounds of the latency histograms: Prometheus computes percentiles from them
     * ({@code histogram_quantile}). Fixed, a dozen per series, rather than Micrometer's ~70 percentile buckets.
     */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private record RequestKey(String channel, String operation, String serviceId, String senderId, String errorCode) {
    }

    private record LatencyKey(String channel, String serviceId) {
    }

    private record ProviderKey(String serviceId, String outcome) {
    }

    private record ErrorKey(String channel, String errorCode) {
    }

    private record SlaKey(String serviceId, String channel) {
    }

    private record FetchKey(String kind, String result) {
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Predicate<String> registeredService;
    private final Predicate<String> registeredMember;
    private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final Map<LatencyKey, Timer> requestLatency = new ConcurrentHashMap<>();
    private final Map<ProviderKey, Timer> providerLatency = new ConcurrentHashMap<>();
    private final Map<ErrorKey, Counter> errors = new ConcurrentHashMap<>();
    private final Map<FetchKey, Counter> fetches = new ConcurrentHashMap<>();
    private final Map<SlaKey, Counter> slaBreaches = new ConcurrentHashMap<>();
    private final List<Runnable> refreshers = new CopyOnWriteArrayList<>();

    /**
     * @param registeredService whether a serviceId is in the service registry (read at every request: registries reload)
     * @param registeredMember  whether a senderId is in the member registry
     */
    public GatewayMetrics(Predicate<String> registeredService, Predicate<String> registeredMember) {
        this.registeredService = registeredService;
        this.registeredMember = registeredMember;
    }

    /** Meters that go nowhere: for parts built without a gateway (tools, single-class tests). */
    public static GatewayMetrics unused() {
        return new GatewayMetrics(id -> false, id -> false);
    }

    /** The registry, for gauges registered by other ops classes. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * One request answered ({@code errorCode} null) or refused: {@code qaqpa_requests_total},
     * {@code qaqpa_request_duration_seconds} and, for a refusal, {@code qaqpa_errors_total}.
     *
     * @param channel   {@code sync} or {@code async}
     * @param operation the WSDL operation, null when the request failed before it was known
     * @param elapsedNanos from the request's arrival to its answer (or refusal)
     */
    public void request(String channel, String operation, String serviceId, String senderId, String errorCode,
                        long elapsedNanos) {
        String service = bounded(serviceId, registeredService);
        RequestKey key = new RequestKey(channel, operation == null ? NONE : operation, service,
                bounded(senderId, registeredMember), errorCode == null ? NONE : errorCode);
        requests.computeIfAbsent(key, k -> Counter.builder("qaqpa.requests")
                .description("SOAP requests by channel, operation, serviceId, senderId, outcome and errorCode")
                .tag("channel", k.channel()).tag("operation", k.operation()).tag("service_id", k.serviceId())
                .tag("sender_id", k.senderId()).tag("outcome", k.errorCode().equals(NONE) ? OK : FAULT)
                .tag("error_code", k.errorCode())
                .register(registry)).increment();
        if (errorCode != null) {
            errors.computeIfAbsent(new ErrorKey(channel, errorCode), k -> Counter.builder("qaqpa.errors")
                    .description("Refused requests by channel and errorCode (docs/errors.md), whoever sent them")
                    .tag("channel", k.channel()).tag("error_code", k.errorCode())
                    .register(registry)).increment();
        }
        requestLatency.computeIfAbsent(new LatencyKey(channel, service), k -> latencyTimer("qaqpa.request.duration",
                        "From a request's arrival to its answer or refusal (before the answer is signed)")
                        .tag("channel", k.channel()).tag("service_id", k.serviceId()).register(registry))
                .record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * One call of a provider (sync call or async delivery attempt): {@code qaqpa_provider_call_duration_seconds}.
     *
     * @param errorCode null when the provider answered, else the code the call failed with
     */
    public void providerCall(String serviceId, String errorCode, long elapsedNanos) {
        ProviderKey key = new ProviderKey(bounded(serviceId, registeredService), errorCode == null ? OK : errorCode);
        providerLatency.computeIfAbsent(key, k -> latencyTimer("qaqpa.provider.call.duration",
                        "Calls of providers by serviceId; outcome is ok or the errorCode of the failed call")
                        .tag("service_id", k.serviceId()).tag("outcome", k.outcome()).register(registry))
                .record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * One provider answer (sync) or delivery (async) later than its service's {@code sla}:
     * {@code qaqpa_provider_sla_breaches_total{service_id, channel}} (named apart from the sandbox's per-step
     * {@code qaqpa_service_sla_breaches_total}, which counts the regulation's steps inside the provider systems).
     */
    public void slaBreach(String serviceId, String channel) {
        slaCounter(serviceId, channel).increment();
    }

    /** The SLA breach counter of a service with an {@code sla}, registered at 0 so that {@code /metrics} shows it. */
    public Counter slaCounter(String serviceId, String channel) {
        return slaBreaches.computeIfAbsent(new SlaKey(bounded(serviceId, registeredService), channel),
                k -> Counter.builder("qaqpa.provider.sla.breaches")
                        .description("Provider answers (sync) and deliveries (async) later than the service's sla")
                        .tag("service_id", k.serviceId()).tag("channel", k.channel()).register(registry));
    }

    /** One OCSP request or CRL download: {@code qaqpa_pki_fetches_total{kind, result}}. */
    public void pkiFetch(String kind, String result) {
        fetches.computeIfAbsent(new FetchKey(kind, result), k -> Counter.builder("qaqpa.pki.fetches")
                .description("OCSP requests and CRL downloads by kind (ocsp, crl) and result")
                .tag("kind", k.kind()).tag("result", k.result()).register(registry)).increment();
    }

    /** Runs {@code refresh} before every scrape (gauges that read the broker or the registries). */
    public void beforeScrape(Runnable refresh) {
        refreshers.add(refresh);
    }

    /** Every meter in the Prometheus text format (0.0.4), gauges refreshed first. */
    public String scrape() {
        refreshGauges();
        return registry.scrape();
    }

    /**
     * Reads the gauges' sources again (queues, certificates), as a scrape does: for readers of the registry other
     * than {@code /metrics} (the admin API's summary).
     *
     * @return the problems of the sources that could not be read (empty when all were)
     */
    public List<String> refreshGauges() {
        List<String> problems = new ArrayList<>();
        for (Runnable refresh : refreshers) {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                // A gauge source that cannot be read (broker down) must not hide every other meter.
                LOG.warn("metrics: a gauge could not be refreshed: {}", e.toString());
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private static Timer.Builder latencyTimer(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS);
    }

    private static String bounded(String id, Predicate<String> registered) {
        if (id == null) {
            return NONE;
        }
        return registered.test(id) ? id : UNREGISTERED;
    }
}
