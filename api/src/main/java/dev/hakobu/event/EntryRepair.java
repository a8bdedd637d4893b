package dev.hakobu.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Entries whose time a peer got wrong (an ext that is not an EventTime, NaN, 0, before 1970 or after 2106) keep
 * their record: as Fluentd's in_forward does, such an entry gets the time it arrived, and its record a field
 * {@value #FLAG} saying what the time was, so the rest of the frame is stored and acked instead of the whole
 * frame being refused (which a client resends forever).
 */
public final class EntryRepair {
    static final String FLAG = "_time_error";
    private static final byte[] FLAG_KEY = FLAG.getBytes(StandardCharsets.UTF_8);

    /** Longest reason kept in the record. */
    private static final int MAX_REASON = 200;

    private EntryRepair() {}

    /**
     * @return new entries: good ones as they were (rewritten as EventTime), bad ones with {@code arrivalNanos}
     * @throws MalformedEventsException if the entries are malformed in another way
     */
    public static byte[] withArrivalTime(byte[] entries, long arrivalNanos) {
        EntryWriter out = new EntryWriter(entries.length + 256);
        MsgpackCursor cursor = new MsgpackCursor(entries, 0, entries.length);
        for (int index = 0; cursor.hasRemaining(); index++) {
            int start = cursor.position();
            if (cursor.readArrayHeader() != 2) {
                throw new MalformedEventsException(
                        "entry " + index + " at offset " + start + ": expected [time, record]");
            }
            long nanos;
            String problem = null;
            try {
                nanos = EntryReader.readPeerTime(cursor, index);
            } catch (EntryReader.BadEventTime e) {
                nanos = arrivalNanos;
                problem = e.getMessage();
            }
            int recordOffset = cursor.position();
            if (!Msgpack.isMap(cursor.peek())) {
                throw cursor.unexpected("a record map in entry " + index, cursor.peek());
            }
            cursor.skipValue();
            int recordLength = cursor.position() - recordOffset;
            if (problem == null) {
                out.add(nanos, entries, recordOffset, recordLength);
            } else {
                byte[] flagged = flagged(entries, recordOffset, recordLength, problem);
                out.add(nanos, flagged, 0, flagged.length);
            }
        }
        return Arrays.copyOf(out.array(), out.size());
    }

    /** The record with one more field, {@code "_time_error": reason}. */
    private static byte[] flagged(byte[] buf, int off, int len, String problem) {
        MsgpackCursor cursor = new MsgpackCursor(buf, off, len);
        long fields = cursor.readMapHeader();
        int body = cursor.position();
        byte[] reason =
                LogSafe.escape(
                                problem.length() > MAX_REASON
                                        ? problem.substring(0, MAX_REASON)
                                        : problem)
                        .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[5 + (off + len - body) + 1 + FLAG_KEY.length + 3 + reason.length];
        int n = mapHeader(out, fields + 1);
        System.arraycopy(buf, body, out, n, off + len - body);
        n += off + len - body;
        n = str(out, n, FLAG_KEY);
        n = str(out, n, reason);
        return Arrays.copyOf(out, n);
    }

    private static int mapHeader(byte[] out, long n) {
        if (n < 16) {
            out[0] = (byte) (0x80 | n);
            return 1;
        }
        if (n < 0x10000) {
            out[0] = (byte) 0xde;
            out[1] = (byte) (n >>> 8);
            out[2] = (byte) n;
            return 3;
        }
        out[0] = (byte) 0xdf;
        out[1] = (byte) (n >>> 24);
        out[2] = (byte) (n >>> 16);
        out[3] = (byte) (n >>> 8);
        out[4] = (byte) n;
        return 5;
    }

    /** A str of at most 65,535 bytes (the flag and a reason cut to {@link #MAX_REASON} characters). */
    private static int str(byte[] out, int n, byte[] s) {
        if (s.length < 32) {
            out[n++] = (byte) (0xa0 | s.length);
        } else if (s.length < 256) {
            out[n++] = (byte) 0xd9;
            out[n++] = (byte) s.length;
        } else {
            out[n++] = (byte) 0xda;
            out[n++] = (byte) (s.length >>> 8);
            out[n++] = (byte) s.length;
        }
        System.arraycopy(s, 0, out, n, s.length);
        return n + s.length;
    }
}
