package org.qaqpa.cli;

/**
 * Routes every library's logging through SLF4J before any of them loads: CXF would otherwise log
 * through java.util.logging to stderr in its own format.
 */
final class LoggingSetup {

    private LoggingSetup() {
    }

    static void apply() {
        System.setProperty("org.apache.cxf.Logger", "org.apache.cxf.common.logging.Slf4jLogger");
    }
}
