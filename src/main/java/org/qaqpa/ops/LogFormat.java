package org.qaqpa.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.qaqpa.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code logging.format}: switches the console appender of src/main/resources/logback.xml between its text lines
 * and JSON objects, one a line. Logback is configured before qaqpa.yaml is read, so the switch happens once the
 * configuration is loaded ({@code qaqpa run}).
 */
public final class LogFormat {

    /** The console appender of logback.xml. */
    static final String CONSOLE = "CONSOLE";

    /** The text encoder of logback.xml, kept while JSON is in use, to go back to (tests run commands in one JVM). */
    private static Encoder<ILoggingEvent> textEncoder;

    private LogFormat() {
    }

    /**
     * Puts the console in {@code logging.format}: JSON objects with the time, level, thread, logger, message, MDC
     * ({@code sessionId}, {@code messageId}) and throwable; or back to the text lines. Nothing changes when the
     * backend is not Logback or its configuration has no {@value #CONSOLE} appender (an operator's own file,
     * {@code -Dlogback.configurationFile}).
     */
    public static synchronized void use(GatewayConfig.Logging logging) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(CONSOLE);
        if (!(appender instanceof OutputStreamAppender<ILoggingEvent> console)) {
            return;
        }
        boolean isJson = console.getEncoder() instanceof JsonEncoder;
        if (logging.json() == isJson) {
            return;
        }
        Encoder<ILoggingEvent> next;
        if (logging.json()) {
            textEncoder = console.getEncoder();
            next = jsonEncoder(context);
        } else {
            next = textEncoder;
        }
        console.stop();
        console.setEncoder(next);
        console.start();
    }

    private static JsonEncoder jsonEncoder(LoggerContext context) {
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        // What an operator searches by; Logback's sequence numbers, nanoseconds, context, raw pattern and
        // arguments would only lengthen every line.
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        json.start();
        return json;
    }
}
