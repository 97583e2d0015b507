package org.qaqpa.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load generator: {@code concurrency} clients, each sending its next call as soon as the
 * previous one is answered, until the phase's time is up or the calls run out. Closed, not open: the
 * offered load adapts to the system's speed, so the figure is the throughput it sustains at that
 * concurrency, with the latency each client saw — what a fixed pool of sender systems would get.
 */
final class ClosedLoop {

    /** What one call gave. An exception from {@link Call#perform()} is an error, its message the error's kind. */
    enum Outcome { ACCEPTED, EXHAUSTED }

    /** One call of a client: a request to the system under test, or EXHAUSTED when no request is left. */
    @FunctionalInterface
    interface Call {
        Outcome perform() throws Exception;
    }

    /**
     * What a phase measured.
     *
     * @param errorKinds how many errors of each kind (an HTTP status with its errorCode, an exception)
     * @param exhausted  whether the calls ran out before the time was up
     */
    record Result(long accepted, long errors, Map<String, Long> errorKinds, Latencies.Summary latencies, Duration elapsed,
                  boolean exhausted) {

        double perSecond() {
            return elapsed.isZero() ? 0 : accepted * 1e9 / elapsed.toNanos();
        }
    }

    private ClosedLoop() {
    }

    /** Runs {@code concurrency} clients calling {@code call} for {@code length} (or until the calls run out). */
    static Result run(int concurrency, Duration length, Call call) throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean exhausted = new AtomicBoolean();
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        AtomicReference<Long> lastEnd = new AtomicReference<>(0L);
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        for (int i = 0; i < concurrency; i++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread client = new Thread(() -> {
                while (!exhausted.get() && System.nanoTime() < deadline) {
                    long before = System.nanoTime();
                    try {
                        if (call.perform() == Outcome.EXHAUSTED) {
                            exhausted.set(true);
                            break;
                        }
                        mine.record(System.nanoTime() - before);
                        accepted.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        String kind = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                        errorKinds.merge(kind, 1L, Long::sum);
                    }
                }
                long end = System.nanoTime();
                lastEnd.accumulateAndGet(end, Math::max);
            }, "bench-client-" + i);
            client.setDaemon(true);
            clients.add(client);
        }
        clients.forEach(Thread::start);
        for (Thread client : clients) {
            client.join();
        }
        Duration elapsed = Duration.ofNanos(Math.max(0, lastEnd.get() - start));
        return new Result(accepted.get(), errors.get(), new TreeMap<>(errorKinds), Latencies.summarise(latencies),
                elapsed, exhausted.get());
    }
}
