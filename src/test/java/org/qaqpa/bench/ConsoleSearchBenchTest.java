package org.qaqpa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConsoleSearchBench} on 20,000 rows (3.6 s to generate), each search once: that the browser shows every search's first page
 * (50 rows, the session's 2, none for the combination that matches nothing), not how fast.
 */
class ConsoleSearchBenchTest {

    @TempDir
    Path data;

    @Test
    void timesEverySearchInTheBrowser() throws Exception {
        String output = ConsoleSearchBench.run(20_000, data, 1);

        assertThat(output).containsPattern("no filter \\(the page opens\\) +rows 50 ")
                .containsPattern("\\nsender +rows 50 ").containsPattern("\\nservice +rows 50 ")
                .containsPattern("\\nerrorCode +rows 50 ").containsPattern("\\nsessionId +rows  2 ")
                .containsPattern("\\nsender \\+ errorCode +rows  0 ");
    }
}
