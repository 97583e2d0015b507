package org.qaqpa.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * CPU time and heap of another JVM on this machine (the gateway child), read through its platform
 * MXBeans: the bench attaches to the process and starts its local-only JMX agent, so the gateway needs
 * no JMX port or flag. The heap in use is sampled every second while sampling is on, for its peak.
 */
final class ProcessVitals implements AutoCloseable {

    private final JMXConnector connector;
    private final com.sun.management.OperatingSystemMXBean os;
    private final MemoryMXBean memory;
    private final AtomicLong peakHeapUsed = new AtomicLong();
    private ScheduledExecutorService sampler;

    private ProcessVitals(JMXConnector connector, MBeanServerConnection server) throws IOException {
        this.connector = connector;
        this.os = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
                com.sun.management.OperatingSystemMXBean.class);
        this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    }

    /** Attaches to the JVM with {@code pid}; fails when attaching is not allowed (another user, no jdk.attach). */
    static ProcessVitals attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        return new ProcessVitals(connector, connector.getMBeanServerConnection());
    }

    /** CPU time the process used so far, all threads, in nanoseconds. */
    long cpuNanos() {
        return os.getProcessCpuTime();
    }

    long heapUsed() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * The heap still reachable: a full collection in the child ({@code System.gc()} through JMX), then the heap in
     * use. Read before and after a measured period, the two tell whether a long run leaves memory behind.
     */
    long liveHeap() {
        memory.gc();
        return heapUsed();
    }

    long heapMax() {
        return memory.getHeapMemoryUsage().getMax();
    }

    /** Starts sampling the heap in use every second, from a fresh peak. */
    void startSampling() {
        peakHeapUsed.set(heapUsed());
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> peakHeapUsed.accumulateAndGet(heapUsed(), Math::max), 1, 1, TimeUnit.SECONDS);
    }

    /** Stops sampling and returns the largest heap in use seen since {@link #startSampling()}. */
    long stopSampling() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        return peakHeapUsed.accumulateAndGet(heapUsed(), Math::max);
    }

    /** CPU time this JVM (the load generator) used so far, in nanoseconds. */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Override
    public void close() throws IOException {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        connector.close();
    }
}
