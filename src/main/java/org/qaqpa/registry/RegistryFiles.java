package org.qaqpa.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.GatewayConfig;

/**
 * The member and service registries loaded from their files ({@code registry.*}) and kept current:
 * every {@code reload-interval} both files are checked and a changed one is reloaded without restart;
 * a changed file that is refused leaves its registry as it was, with a log line naming the problem.
 *
 * <p>Why polling and not {@link java.nio.file.WatchService}: the watch service observes directories,
 * misses the symlink swap by which Kubernetes updates a mounted ConfigMap, reports nothing for files on
 * many network and container bind mounts, and on macOS is itself a 2–10 s poll. Reading two files of a
 * few KiB every few seconds costs nothing measurable and behaves the same everywhere.
 */
public final class RegistryFiles implements AutoCloseable {

    private final MemberRegistry members = new MemberRegistry(List.of());
    private final ServiceRegistry services = new ServiceRegistry(List.of());
    private final List<WatchedFile<?>> files;
    private final Duration interval;
    private ScheduledExecutorService checker;

    private RegistryFiles(Path membersFile, Path servicesFile, Path dataDir, Duration interval) {
        this.interval = interval;
        this.files = List.of(
                new WatchedFile<>(membersFile, "members", file -> MembersFile.read(file, dataDir), members::replace),
                new WatchedFile<>(servicesFile, "services", file -> ServicesFile.read(file, dataDir), services::replace));
    }

    /**
     * Loads both files. A missing file gives an empty registry (every sender, or every service, is
     * refused) and a warning; it is loaded when it appears.
     *
     * @param dataDir the gateway's data directory, for {@code ${data}/} in certificate paths
     * @throws ConfigException if a file is refused
     */
    public static RegistryFiles load(GatewayConfig.Registry config, Path dataDir) {
        RegistryFiles registries = new RegistryFiles(Path.of(config.membersFile()), Path.of(config.servicesFile()),
                dataDir, config.reloadInterval());
        registries.files.forEach(WatchedFile::loadAtStart);
        return registries;
    }

    public MemberRegistry members() {
        return members;
    }

    public ServiceRegistry services() {
        return services;
    }

    /** Starts checking the files every {@code reload-interval}; does nothing when it is zero. */
    public synchronized void start() {
        if (interval.isZero() || checker != null) {
            return;
        }
        checker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "qaqpa-registry-reload");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        checker.scheduleWithFixedDelay(this::checkNow, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Checks both files now and reloads the changed ones (what the timer does). */
    public void checkNow() {
        files.forEach(WatchedFile::reloadIfChanged);
    }

    /** The problem that made the last reload keep an old registry, empty when both files loaded. */
    public Optional<String> problem() {
        return files.stream().flatMap(file -> file.problem().stream()).findFirst();
    }

    @Override
    public synchronized void close() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
    }
}
