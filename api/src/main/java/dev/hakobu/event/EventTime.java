package dev.hakobu.event;

/**
 * Fluentd's EventTime: msgpack ext type 0 whose 8-byte payload is big-endian unsigned 32-bit seconds then
 * 32-bit nanoseconds since the epoch. Here times are epoch nanoseconds in a {@code long} (years 1678..2262).
 */
public final class EventTime {
    /** The msgpack ext type code. */
    public static final byte EXT_TYPE = 0;

    /** Bytes {@link #write} produces: fixext8 header (2) plus payload (8). */
    public static final int ENCODED_LENGTH = 10;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private EventTime() {}

    /** Writes the whole ext value (0xd7, 0x00, seconds, nanos) at {@code off}; returns the offset after it. */
    public static int write(long epochNanos, byte[] dst, int off) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        dst[off] = (byte) 0xd7;
        dst[off + 1] = EXT_TYPE;
        putInt(dst, off + 2, (int) seconds);
        putInt(dst, off + 6, (int) nanos);
        return off + ENCODED_LENGTH;
    }

    /**
     * Decodes the 8-byte payload at {@code off} (after the ext header).
     *
     * @throws MalformedEventsException if the nanoseconds field is not below one second
     */
    public static long decode(byte[] src, int off) {
        long seconds = getInt(src, off) & 0xffffffffL;
        long nanos = getInt(src, off + 4) & 0xffffffffL;
        if (nanos >= NANOS_PER_SECOND) {
            throw new MalformedEventsException(
                    "EventTime at offset " + off + " has " + nanos + " nanoseconds");
        }
        return seconds * NANOS_PER_SECOND + nanos;
    }

    /** Epoch nanoseconds for integer seconds, as older clients send them. */
    static long fromSeconds(long seconds) {
        try {
            return Math.multiplyExact(seconds, NANOS_PER_SECOND);
        } catch (ArithmeticException e) {
            throw new MalformedEventsException("event time " + seconds + " s is out of range");
        }
    }

    /** Epoch nanoseconds for fractional seconds, as some clients send them; whole and fraction apart, for precision. */
    static long fromSeconds(double seconds) {
        if (!(Math.abs(seconds) < 9.2e9)) {
            throw new MalformedEventsException("event time " + seconds + " s is out of range");
        }
        double whole = Math.floor(seconds);
        return (long) whole * NANOS_PER_SECOND + Math.round((seconds - whole) * NANOS_PER_SECOND);
    }

    private static void putInt(byte[] dst, int off, int v) {
        dst[off] = (byte) (v >>> 24);
        dst[off + 1] = (byte) (v >>> 16);
        dst[off + 2] = (byte) (v >>> 8);
        dst[off + 3] = (byte) v;
    }

    private static int getInt(byte[] src, int off) {
        return (src[off] & 0xff) << 24
                | (src[off + 1] & 0xff) << 16
                | (src[off + 2] & 0xff) << 8
                | (src[off + 3] & 0xff);
    }
}
