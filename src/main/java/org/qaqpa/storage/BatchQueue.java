package org.qaqpa.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Items from many callers, handed to one thread in batches: the thread takes everything queued since
 * its last batch (up to a maximum) and passes it on in queue order. The shape of the message log's and
 * the {@link GroupCommit}'s writers: callers add an item carrying a future and wait for it; the batch
 * consumer completes the futures.
 */
public final class BatchQueue<T> implements AutoCloseable {

    private static final Object STOP = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Consumer<List<T>> consumer;
    private final String closedMessage;
    private final Thread thread;
    private final Object enqueueLock = new Object();
    private boolean closed;

    /**
     * Starts the thread.
     *
     * @param consumer      gets each batch, never empty; it must not throw (a failure belongs to the batch's items)
     * @param closedMessage the message of the exception {@link #add} throws once closed
     */
    public BatchQueue(String threadName, int maxBatch, Consumer<List<T>> consumer, String closedMessage) {
        this.maxBatch = maxBatch;
        this.consumer = consumer;
        this.closedMessage = closedMessage;
        this.thread = new Thread(this::runUntilStopped, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code item} for the next batch. */
    public void add(T item) {
        synchronized (enqueueLock) {
            if (closed) {
                throw new IllegalStateException(closedMessage);
            }
            queue.add(item);
        }
    }

    /** How many items wait for the thread (not counting the batch it is handling). */
    public int size() {
        return queue.size();
    }

    /** Hands what is queued to the consumer, then stops the thread; later {@link #add} calls are refused. */
    @Override
    public void close() throws InterruptedException {
        synchronized (enqueueLock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        thread.join();
    }

    @SuppressWarnings("unchecked")
    private void runUntilStopped() {
        List<Object> taken = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread but a JVM going down; close() is the way to stop it.
                continue;
            }
            queue.drainTo(taken, maxBatch - 1);
            stop = taken.remove(STOP);
            if (!taken.isEmpty()) {
                consumer.accept((List<T>) (List<?>) new ArrayList<>(taken));
            }
            taken.clear();
        }
    }
}
