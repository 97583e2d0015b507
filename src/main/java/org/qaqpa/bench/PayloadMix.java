package org.qaqpa.bench;

import java.util.List;

/**
 * Requests of several sizes in fixed shares, spread evenly over a run: of every 100 consecutive requests,
 * exactly {@code percent} have each size, interleaved (the {@code index}-th request takes the slot
 * {@code index × 37 mod 100}, 37 being prime to 100) rather than in blocks.
 */
public record PayloadMix(List<Share> shares) implements Payload {

    static final String NAME = "mix";
    /** The X-Road-style mix of [8/10]: 30 % 2 KB, 60 % 10 KB, 9 % 100 KB, 1 % 1 MB. */
    public static final PayloadMix XROAD = new PayloadMix(List.of(new Share(PayloadSize.parse("2KB"), 30),
            new Share(PayloadSize.parse("10KB"), 60), new Share(PayloadSize.parse("100KB"), 9), new Share(PayloadSize.parse("1MB"), 1)));
    private static final int SLOTS = 100;
    private static final int STRIDE = 37;

    /** {@code percent} of the requests have {@code size}. */
    public record Share(PayloadSize size, int percent) {
    }

    public PayloadMix {
        shares = List.copyOf(shares);
        if (shares.stream().mapToInt(Share::percent).sum() != SLOTS || shares.stream().anyMatch(share -> share.percent() < 1)) {
            throw new IllegalArgumentException("the shares of a payload mix must be positive and add up to 100 %");
        }
    }

    @Override
    public int bytesFor(long index) {
        long slot = Math.floorMod(index * STRIDE, SLOTS);
        for (Share share : shares) {
            slot -= share.percent();
            if (slot < 0) {
                return share.size().bytes();
            }
        }
        throw new IllegalStateException("the shares add up to 100 %");
    }

    @Override
    public double averageBytes() {
        return shares.stream().mapToDouble(share -> share.size().bytes() * share.percent() / (double) SLOTS).sum();
    }

    @Override
    public String toString() {
        return NAME;
    }
}
