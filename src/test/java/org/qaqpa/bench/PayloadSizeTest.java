package org.qaqpa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
