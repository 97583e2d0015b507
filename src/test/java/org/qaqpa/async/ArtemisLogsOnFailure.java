package org.qaqpa.async;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints what the test's {@link ArtemisServer} brokers wrote (their {@code *.out} files) when a test fails, so a CI
 * log shows why a broker refused, failed over late or did not start; passing tests stay quiet.
 */
public final class ArtemisLogsOnFailure implements TestWatcher {

    private final Supplier<ArtemisServer> brokers;

    /** @param brokers the test class's brokers, read when a test fails (null: not started, nothing to print) */
    public ArtemisLogsOnFailure(Supplier<ArtemisServer> brokers) {
        this.brokers = brokers;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ArtemisServer server = brokers.get();
        if (server != null) {
            System.err.println("Artemis output for the failed test " + context.getDisplayName() + ":\n" + server.logs());
        }
    }
}
