package org.qaqpa.bench;

import java.util.Locale;

/** The sizes of a run's requests before they are signed: one size ({@link PayloadSize}) or a mix ({@link PayloadMix}). */
public sealed interface Payload permits PayloadSize, PayloadMix {

    /** The size of the run's {@code index}-th request. */
    int bytesFor(long index);

    /** The mean size over a run. */
    double averageBytes();

    /** {@code mix} (the X-Road-style mix of [8/10]), or one size as {@link PayloadSize#parse} reads it. */
    static Payload parse(String text) {
        return PayloadMix.NAME.equals(text.strip().toLowerCase(Locale.ROOT)) ? PayloadMix.XROAD : PayloadSize.parse(text);
    }
}
