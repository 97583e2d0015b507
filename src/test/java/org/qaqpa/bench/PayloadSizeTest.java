package org.qaqpa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PayloadSizeTest {

    @Test
    void acceptsTheIssuesSizesInBinaryUnits() {
        assertThat(PayloadSize.parse("2KB").bytes()).isEqualTo(2048);
        assertThat(PayloadSize.parse("10kb").bytes()).isEqualTo(10 * 1024);
        assertThat(PayloadSize.parse("100KiB").bytes()).isEqualTo(100 * 1024);
        assertThat(PayloadSize.parse("1MB").bytes()).isEqualTo(1024 * 1024);
        assertThat(PayloadSize.parse("500").bytes()).isEqualTo(500);
        assertThat(PayloadSize.parse("2KB")).hasToString("2KB");
    }

    @Test
    void rejectsWhatIsNotASize() {
        assertThatThrownBy(() -> PayloadSize.parse("2 parsecs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a size");
        assertThatThrownBy(() -> PayloadSize.parse("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadSize.parse("1000MB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMixSpreadsItsSharesOverEveryHundredRequests() {
        Payload mix = Payload.parse(" MIX ");
        assertThat(mix).isSameAs(PayloadMix.XROAD).hasToString("mix");
        for (long start : new long[] {0, 100, 12_345}) {
            Map<Integer, Long> counts = LongStream.range(start, start + 100).mapToObj(mix::bytesFor)
                    .collect(Collectors.groupingBy(bytes -> bytes, Collectors.counting()));
            assertThat(counts).containsOnly(Map.entry(2048, 30L), Map.entry(10 * 1024, 60L),
                    Map.entry(100 * 1024, 9L), Map.entry(1024 * 1024, 1L));
        }
        assertThat(LongStream.range(0, 10).mapToObj(mix::bytesFor).distinct().count())
                .as("interleaved, not in blocks").isGreaterThan(1);
        assertThat(mix.averageBytes()).isEqualTo(0.30 * 2048 + 0.60 * 10240 + 0.09 * 102400 + 0.01 * 1048576);
        assertThat(Payload.parse("10KB")).isEqualTo(new PayloadSize(10 * 1024));
    }

    @Test
    void refusesSharesThatDoNotAddUp() {
        assertThatThrownBy(() -> new PayloadMix(List.of(new PayloadMix.Share(new PayloadSize(10), 99))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 %");
    }
}
