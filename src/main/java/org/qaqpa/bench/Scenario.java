package org.qaqpa.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@code qaqpa bench} scenario: what it is given (the load, the setup, who sends what), and its run — a
 * fresh work directory, the report headed with the scenario's name and load, the work directory removed
 * after a successful run unless kept. Subclasses measure.
 */
public abstract class Scenario {

    /** How long a child JVM (gateway, proxy) may take to start serving. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * Who sends what.
     *
     * @param senderId  the member that sends (its key is the development PKI's legal-entity key of the fresh data)
     * @param password  its password
     * @param serviceId the service its requests name
     */
    public record Sender(String senderId, String password, String serviceId) {
    }

    final LoadShape load;
    final BenchSetup setup;
    final Sender sender;
    final BenchRun bench;
    private final String name;

    /** @param progress where the steps are reported while the run goes on (stderr: stdout is the report's) */
    Scenario(String name, LoadShape load, BenchSetup setup, Sender sender, PrintWriter progress) {
        this.name = name;
        this.load = load;
        this.setup = setup;
        this.sender = sender;
        this.bench = new BenchRun(setup, progress);
    }

    /** Runs the benchmark and returns its figures; the work directory is removed unless kept or the run failed. */
    public final BenchReport run() throws Exception {
        BenchReport report = new BenchReport()
                .put("scenario", name)
                .put("concurrency", load.concurrency())
                .put("payload", load.payload().toString())
                .put("payload_bytes", Math.round(load.payload().averageBytes()));
        measure(report, bench.createWork());
        bench.finish();
        return CryptoCeiling.describeMachine(report, Runtime.getRuntime().availableProcessors());
    }

    /** Measures into {@code report}, with {@code work} for the run's data. */
    abstract void measure(BenchReport report, Path work) throws Exception;

    /** The gateway on {@code data}, started with the setup's JVM options, its address reported. */
    ChildJvm startGateway(Path configDir, Path data) throws Exception {
        ChildJvm gateway = ChildJvm.startGateway(setup.mainClass(), configDir, data, setup.gatewayJavaOptions(), START_TIMEOUT);
        bench.progress("gateway pid %d at %s (output in %s)", gateway.pid(), gateway.uri("/"), gateway.output());
        return gateway;
    }
}
