package dev.hakobu.event;

import java.util.Arrays;

/**
 * Builds a PackedForward entries buffer: {@code [EventTime, record]} arrays back to back in one growable
 * array, ready for the Forward client's {@code send}. Not thread-safe; reuse it with {@link #reset()}.
 */
public final class EntryWriter {
    private static final int ENTRY_OVERHEAD = 1 + EventTime.ENCODED_LENGTH;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private byte[] buf;
    private int size;
    private int count;

    public EntryWriter(int initialCapacity) {
        buf = new byte[Math.max(initialCapacity, 64)];
    }

    /** Writes into {@code buffer} (from a pool), from its start; grows past it only if an entry needs room. */
    public EntryWriter(byte[] buffer) {
        buf = buffer;
    }

    /**
     * Appends one entry; the record bytes are copied as they are.
     *
     * @param record a msgpack map (only its first byte is checked)
     */
    public void add(long epochNanos, byte[] record, int off, int len) {
        if (len < 1 || !Msgpack.isMap(record[off] & 0xff)) {
            throw new IllegalArgumentException("a record must be a msgpack map");
        }
        ensureRoom(ENTRY_OVERHEAD + len);
        buf[size] = (byte) 0x92;
        size = EventTime.write(epochNanos, buf, size + 1);
        System.arraycopy(record, off, buf, size, len);
        size += len;
        count++;
    }

    /** The bytes {@link #add} writes for a record of {@code recordLength} bytes. */
    public static int entryLength(int recordLength) {
        return ENTRY_OVERHEAD + recordLength;
    }

    /** The backing array; bytes {@code [0, size())} are the entries. Changes with the next add. */
    public byte[] array() {
        return buf;
    }

    public int size() {
        return size;
    }

    public int count() {
        return count;
    }

    /** Forgets the entries and keeps the capacity. */
    public void reset() {
        size = 0;
        count = 0;
    }

    private void ensureRoom(int n) {
        if (buf.length - size < n) {
            long needed = (long) size + n;
            if (needed > MAX_ARRAY) {
                throw new IllegalStateException("entries buffer cannot grow past 2 GiB");
            }
            buf =
                    Arrays.copyOf(
                            buf,
                            (int) Math.min(Math.max((long) buf.length * 2, needed), MAX_ARRAY));
        }
    }
}
