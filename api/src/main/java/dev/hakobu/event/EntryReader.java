package dev.hakobu.event;

/**
 * Walks a PackedForward entries buffer ({@code [time, record]} arrays back to back). Time may be an
 * integer (seconds), a float (seconds) or an EventTime ext, or Fluent Bit's {@code [time, metadata]} pair (the
 * metadata is skipped); records must be maps and are not decoded.
 */
public final class EntryReader {
    private static final EntryVisitor IGNORE = (t, b, o, l) -> {};

    private EntryReader() {}

    /**
     * Calls {@code visitor} for each entry, in order.
     *
     * @return the number of entries
     * @throws MalformedEventsException if the buffer is not a sequence of {@code [time, map]} arrays; entries
     *                                  before the bad one have already been visited
     */
    public static int read(byte[] buf, int off, int len, EntryVisitor visitor) {
        return read(buf, off, len, visitor, false);
    }

    /**
     * Like {@link #read}, for entries as a peer sent them: each record holding msgpack {@code bin} is first
     * rewritten in place so that text is {@code str} ({@link BinaryText}), before the visitor sees it; and a time
     * must be a real one: an EventTime, or integer or float seconds, after the epoch and before 2106 (what an
     * EventTime can hold).
     *
     * @throws BadEventTime if an entry's time is a well-formed value but no such time ({@link EntryRepair} can
     *                      give those entries the arrival time); other malformed input as {@link #read}
     */
    public static int readFromPeer(byte[] buf, int off, int len, EntryVisitor visitor) {
        return read(buf, off, len, visitor, true);
    }

    private static int read(byte[] buf, int off, int len, EntryVisitor visitor, boolean fromPeer) {
        MsgpackCursor cursor = new MsgpackCursor(buf, off, len);
        int count = 0;
        while (cursor.hasRemaining()) {
            long nanos = readEntryHead(cursor, count, fromPeer);
            int recordOffset = cursor.position();
            cursor.takeSawBinary();
            cursor.skipValue();
            int recordLength = cursor.position() - recordOffset;
            if (fromPeer && cursor.takeSawBinary()) {
                BinaryText.toText(buf, recordOffset, recordLength);
            }
            visitor.visit(nanos, buf, recordOffset, recordLength);
            count++;
        }
        return count;
    }

    /** Parses one record in place and says where it ended: saves a second walk over it. */
    @FunctionalInterface
    public interface RecordParser {
        /**
         * @param limit the end of the entries buffer (the record ends at or before it)
         * @return the offset just after the record
         */
        int parse(long epochNanos, byte[] buf, int recordOffset, int limit);
    }

    /**
     * Like {@link #read}, but the parser walks each record itself instead of the reader skipping it
     * first; for callers that look inside every record anyway (masking).
     *
     * @throws MalformedEventsException as {@link #read}, or if the parser reports an end outside the buffer
     */
    public static int parse(byte[] buf, int off, int len, RecordParser parser) {
        MsgpackCursor cursor = new MsgpackCursor(buf, off, len);
        int count = 0;
        while (cursor.hasRemaining()) {
            long nanos = readEntryHead(cursor, count, false);
            int recordOffset = cursor.position();
            int end = parser.parse(nanos, buf, recordOffset, off + len);
            if (end <= recordOffset || end > off + len) {
                throw new MalformedEventsException(
                        "entry "
                                + count
                                + ": record parsed to offset "
                                + end
                                + ", outside the buffer");
            }
            cursor.seek(end);
            count++;
        }
        return count;
    }

    /** Validates the buffer and counts its entries. */
    public static int count(byte[] buf, int off, int len) {
        return read(buf, off, len, IGNORE);
    }

    /** Reads {@code [time, } and checks that a map follows; returns the time, leaves the cursor at the map. */
    private static long readEntryHead(MsgpackCursor cursor, int index, boolean strictTime) {
        int start = cursor.position();
        int elements = cursor.readArrayHeader();
        if (elements != 2) {
            throw new MalformedEventsException(
                    "entry "
                            + index
                            + " at offset "
                            + start
                            + ": expected [time, record], found an array of "
                            + elements);
        }
        long nanos = strictTime ? readPeerTime(cursor, index) : readTime(cursor);
        if (!Msgpack.isMap(cursor.peek())) {
            throw cursor.unexpected("a record map in entry " + index, cursor.peek());
        }
        return nanos;
    }

    /** Seconds an EventTime can hold: unsigned 32 bits. */
    private static final long MAX_PEER_NANOS = (1L << 32) * 1_000_000_000L;

    /** {@link #readTime}, but a well-formed value that is no usable time throws {@link BadEventTime}. */
    static long readPeerTime(MsgpackCursor cursor, int index) {
        int start = cursor.position();
        String problem;
        try {
            long nanos = readTime(cursor);
            if (nanos > 0 && nanos < MAX_PEER_NANOS) {
                return nanos;
            }
            problem =
                    nanos == 0
                            ? "time 0 (no time)"
                            : "time " + nanos + " ns is before 1970 or after 2106";
        } catch (MalformedEventsException e) {
            problem = e.getMessage();
        }
        cursor.seek(start);
        cursor.skipValue(); // a value that is not even well-formed is a protocol error, thrown
        // from here
        throw new BadEventTime(index, problem);
    }

    /** An entry's time is a well-formed value, but not a time; the entry itself is fine. */
    public static final class BadEventTime extends MalformedEventsException {
        private final int entry;

        BadEventTime(int entry, String problem) {
            super("entry " + entry + ": " + problem);
            this.entry = entry;
        }

        public int entry() {
            return entry;
        }
    }

    private static long readTime(MsgpackCursor cursor) {
        int b = cursor.peek();
        if (b == 0x92) {
            // Fluent Bit with retain_metadata_in_forward_mode sends [[time, metadata], record]: the
            // time is kept,
            // the metadata map (empty unless a filter set it) is not part of the record and is
            // skipped
            cursor.readArrayHeader();
            long nanos = readScalarTime(cursor);
            if (!Msgpack.isMap(cursor.peek())) {
                throw cursor.unexpected("a metadata map after the time", cursor.peek());
            }
            cursor.skipValue();
            return nanos;
        }
        return readScalarTime(cursor);
    }

    private static long readScalarTime(MsgpackCursor cursor) {
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
