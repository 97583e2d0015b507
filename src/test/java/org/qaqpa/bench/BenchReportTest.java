package org.qaqpa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchReportTest {

    @Test
    void printsOneJsonObjectWithTwoDecimalsAndEscapedText() {
        BenchReport report = new BenchReport().put("scenario", "async").put("accepted", 42L).put("rps", 812.256)
                .put("drained", true).put("rps_to_baseline", null).put("error_kinds", "HTTP 500 \"X\"\n");

        assertThat(report.toJson()).isEqualTo("{\"scenario\":\"async\",\"accepted\":42,\"rps\":812.26,\"drained\":true,"
                + "\"rps_to_baseline\":null,\"error_kinds\":\"HTTP 500 \\\"X\\\"\\n\"}");
    }

    @Test
    void printsAlignedLinesForAPerson() {
        BenchReport report = new BenchReport().put("rps", 1.5).put("p99_ms", 2.0);

        assertThat(report.toText()).isEqualTo(String.format("rps     1.50%np99_ms  2.00%n"));
    }
}
