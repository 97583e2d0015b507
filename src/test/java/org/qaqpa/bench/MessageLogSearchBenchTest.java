package org.qaqpa.bench;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** {@link MessageLogSearchBench} on 2,000 rows: that it runs every query through its pages, not how fast. */
class MessageLogSearchBenchTest {

    @Test
    void runsEveryQueryOnASmallLog() {
        assertThatCode(() -> MessageLogSearchBench.main(new String[] {"2000"})).doesNotThrowAnyException();
    }
}
