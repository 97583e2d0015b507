package org.qaqpa.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A housekeeping task run on one daemon thread at a fixed delay, until closed. The task handles its
 * own failures: an exception escaping it would end the schedule.
 */
public final class PeriodicJob implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    private PeriodicJob(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code task} every {@code period}, the first time one period from now. */
    public static PeriodicJob start(String threadName, Duration period, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new PeriodicJob(scheduler);
    }

    /** Stops the schedule, waiting up to 10 s for a run in progress. */
    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
            scheduler.shutdownNow();
        }
    }
}
