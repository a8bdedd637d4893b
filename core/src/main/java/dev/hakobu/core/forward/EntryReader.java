package dev.hakobu.core.forward;

/**
 * Walks a PackedForward entries buffer ({@code [time, record]} arrays back to back). Time may be an
 * integer (seconds), a float (seconds) or an EventTime ext; records must be maps and are not decoded.
 */
public final class EntryReader {
    private static final EntryVisitor IGNORE = (t, b, o, l) -> { };

    private EntryReader() {
    }

    /**
     * Calls {@code visitor} for each entry, in order.
     *
     * @return the number of entries
     * @throws ForwardProtocolException if the buffer is not a sequence of {@code [time, map]} arrays; entries
     *                                  before the bad one have already been visited
     */
    public static int read(byte[] buf, int off, int len, EntryVisitor visitor) {
        MsgpackCursor cursor = new MsgpackCursor(buf, off, len);
        int count = 0;
        while (cursor.hasRemaining()) {
            int start = cursor.position();
            int elements = cursor.readArrayHeader();
            if (elements != 2) {
                throw new ForwardProtocolException("entry " + count + " at offset " + start
                        + ": expected [time, record], found an array of " + elements);
            }
            long nanos = readTime(cursor);
            int recordOffset = cursor.position();
            if (!Msgpack.isMap(cursor.peek())) {
                throw cursor.unexpected("a record map in entry " + count, cursor.peek());
            }
            cursor.skipValue();
            visitor.visit(nanos, buf, recordOffset, cursor.position() - recordOffset);
            count++;
        }
        return count;
    }

    /** Validates the buffer and counts its entries. */
    public static int count(byte[] buf, int off, int len) {
        return read(buf, off, len, IGNORE);
    }

    private static long readTime(MsgpackCursor cursor) {
        int b = cursor.peek();
        if (b == 0xd7 || b == 0xc7) {
            return cursor.readEventTime();
        }
        if (b == 0xca || b == 0xcb) {
            return EventTime.fromSeconds(cursor.readDouble());
        }
        return EventTime.fromSeconds(cursor.readLong());
    }
}
