package dev.hakobu.forward;

import io.netty.buffer.ByteBuf;

/**
 * Inflates a compressed frame's entries into memory reserved first in the server's {@link MemoryBudget}: a
 * guess from the compressed size (16 times, at least 1 MiB), then all of {@code maxDecompressedBytes} if the
 * guess was short. The output's size stays reserved; the handler releases it when the request's stage ends.
 *
 * <p>One per connection, with its {@link ForwardDecoder}. Called on the event loop or on an inflater thread, never
 * on both at once: the connection is not read while an inflater holds one of its frames.
 */
final class FrameInflater {
    /** {@link #inflate}'s answer for a frame that inflates past the guess when it was not to go beyond. */
    static final byte[] TOO_BIG = new byte[0];

    /** The least reserved for inflating a frame before its output size is known. */
    private static final long MIN_RESERVATION = 1L << 20;

    /** The guess of the inflated size from the compressed one; log lines compress 5-15 times. */
    private static final long RATIO_GUESS = 16;

    private final Decompressor decompressor;
    private final MemoryBudget budget;
    private boolean
            reserveAll; // the last guess was short: reserve maxDecompressedBytes for this frame

    FrameInflater(long maxDecompressedBytes, MemoryBudget budget) {
        this.decompressor = new Decompressor(maxDecompressedBytes);
        this.budget = budget;
    }

    /**
     * @param beyondTheGuess whether to go on past the guess here; if not, a frame that inflates to more than the
     *                       guess (a few MiB at most: 16 times its size) returns {@link #TOO_BIG}, for the inflater
     * @return the entries, or null if the budget cannot give the reservation now (nothing is then reserved)
     */
    byte[] inflate(String compression, ByteBuf payload, boolean beyondTheGuess) {
        long max = decompressor.maxBytes();
        long want =
                reserveAll
                        ? max
                        : Math.min(
                                max,
                                Math.max(MIN_RESERVATION, RATIO_GUESS * payload.readableBytes()));
        if (!budget.tryAcquire(want)) {
            return null;
        }
        byte[] entries;
        try {
            entries = decompressor.decompress(compression, payload, want);
        } catch (Decompressor.OverReservation e) {
            budget.release(want);
            reserveAll = true;
            return beyondTheGuess ? inflate(compression, payload, true) : TOO_BIG;
        } catch (RuntimeException e) {
            budget.release(want);
            throw e;
        }
        reserveAll = false;
        budget.release(want - entries.length);
        return entries;
    }
}
