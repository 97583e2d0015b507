package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qaqpa.ops.LogFormat;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.server.FaultMapper;
import org.slf4j.LoggerFactory;

/**
 * {@code logging.format: json}: while the gateway processes a request, every line it logs is one JSON object that
 * carries the request's sessionId and messageId; lines logged outside an exchange carry neither.
 */
@ExtendWith(SharedGateway.class)
class StructuredLogTest {

    @Test
    void linesLoggedForAnExchangeCarryItsSessionIdAndMessageId() throws Exception {
        Logger faults = (Logger) LoggerFactory.getLogger(FaultMapper.class);
        Level level = faults.getLevel();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        TestGateway.SoapResponse refused;
        try {
            LogFormat.use(new GatewayConfig.Logging(GatewayConfig.Logging.JSON));
            faults.setLevel(Level.INFO); // its "session … refused" line
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            refused = SharedGateway.gateway().postSigned("/bip-sync/", Envelopes.sendMessage("NO_SUCH_SERVICE", "x",
                    "structured-log-1", Envelopes.SENDER, Envelopes.PASSWORD));
            LoggerFactory.getLogger(StructuredLogTest.class).warn("after the exchange");
        } finally {
            System.setErr(stderr);
            faults.setLevel(level);
            LogFormat.use(GatewayConfig.Logging.defaults());
        }
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.SERVICE_NOT_FOUND.name());
        String sessionId = refused.detailText("sessionId");
        List<String> lines = Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(lines).filteredOn(line -> line.contains("refused: SERVICE_NOT_FOUND")).singleElement()
                .satisfies(line -> assertThat(line).contains("\"sessionId\":\"" + sessionId + "\"",
                        "\"messageId\":\"structured-log-1\"", "\"level\":\"INFO\""));
        assertThat(lines).filteredOn(line -> line.contains("after the exchange")).singleElement()
                .satisfies(line -> assertThat(line).doesNotContain("sessionId", "structured-log-1"));
    }

    @Test
    void textLinesKeepTheirFormat() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            LogFormat.use(GatewayConfig.Logging.defaults());
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LoggerFactory.getLogger(StructuredLogTest.class).warn("a text line");
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) \\[WARN] StructuredLogTest - a text line\\R");
    }
}
