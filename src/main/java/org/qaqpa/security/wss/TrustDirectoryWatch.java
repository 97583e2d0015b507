package org.qaqpa.security.wss;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the trust-anchor directory every {@link #INTERVAL} and has {@link TrustAnchors} read it again when a file
 * changed, so that nodes sharing {@code security.trust-dir} follow an anchor uploaded or removed on one of them
 * (through the admin API, which changes the directory first) without a restart — as {@code security.crl-dir} is
 * followed. A scheduled look rather than a {@code WatchService}: inotify does not see changes made by another host
 * on a network file system, which is where a shared directory lives. One daemon thread; closed with the gateway.
 */
public final class TrustDirectoryWatch implements AutoCloseable {

    /** How often the directory is looked at: as often as the CRL directory is. */
    public static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(TrustDirectoryWatch.class);

    private final ScheduledExecutorService timer;

    private TrustDirectoryWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts looking at {@code anchors}' directory every {@code interval}. */
    public static TrustDirectoryWatch start(TrustAnchors anchors, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "qaqpa-trust-dir");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> look(anchors), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new TrustDirectoryWatch(timer);
    }

    private static void look(TrustAnchors anchors) {
        try {
            anchors.reloadIfChanged();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            LOG.warn("trust anchors of {} not read again, keeping those read before: {}", anchors.dir(), e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
