package org.qaqpa.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordingInputStreamTest {

    private static final byte[] REQUEST = new byte[100_003];

    static {
        new Random(3).nextBytes(REQUEST);
    }

    @Test
    void recordsEveryByteReadWithoutADeclaredLength() throws IOException {
        RecordingInputStream in = new RecordingInputStream(new ByteArrayInputStream(REQUEST));

        readAll(in);

        assertThat(in.bytes()).isEqualTo(REQUEST);
    }

    @Test
    void handsOverTheCopyOfTheDeclaredLengthWithoutCopyingAgain() throws IOException {
        RecordingInputStream in = new RecordingInputStream(new ByteArrayInputStream(REQUEST), REQUEST.length);

        readAll(in);

        assertThat(in.bytes()).isEqualTo(REQUEST).isSameAs(in.bytes());
    }

    @Test
    void recordsWhatArrivedWhenTheDeclaredLengthIsWrong() throws IOException {
        RecordingInputStream longer = new RecordingInputStream(new ByteArrayInputStream(REQUEST), 1L << 30);
        RecordingInputStream shorter = new RecordingInputStream(new ByteArrayInputStream(REQUEST), 10);

        readAll(longer);
        readAll(shorter);

        assertThat(longer.bytes()).isEqualTo(REQUEST);
        assertThat(shorter.bytes()).isEqualTo(REQUEST);
    }

    @Test
    void recordsSkippedBytesToo() throws IOException {
        RecordingInputStream in = new RecordingInputStream(new ByteArrayInputStream(REQUEST), REQUEST.length);

        assertThat(in.skip(50_000)).isEqualTo(50_000);
        readAll(in);

        assertThat(in.bytes()).isEqualTo(REQUEST);
    }

    /** Single bytes and blocks of odd sizes, as a parser reads. */
    private static void readAll(RecordingInputStream in) throws IOException {
        byte[] block = new byte[7_919];
        for (int i = 0; ; i++) {
            if (i % 3 == 0) {
                if (in.read() < 0) {
                    return;
                }
            } else if (in.read(block, 0, block.length) < 0) {
                return;
            }
        }
    }
}
