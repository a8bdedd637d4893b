package dev.hakobu.event;

/**
 * Walks the top-level fields of one msgpack map record without decoding them: the visitor gets each
 * key's string bytes and the value's byte range. Used where only a few fields matter (masking) and
 * decoding every key into a {@code String} was the cost.
 */
public final class RecordFields {
    /** Receives one field, on the calling thread. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param keyOffset start of the key's UTF-8 bytes (a str, or a bin taken as text), or -1 when the key is neither
         * @param fieldOffset start of the whole field (key header), for copying it unchanged
         */
        void field(int fieldOffset, int keyOffset, int keyLength, int valueOffset, int valueEnd);
    }

    private RecordFields() {}

    /**
     * @return the offset just after the record, or -1 if it is not a map (nothing was visited)
     * @throws MalformedEventsException if the record is truncated or malformed
     */
    public static int forEach(byte[] buf, int off, int len, Visitor visitor) {
        MsgpackCursor cursor = new MsgpackCursor(buf, off, len);
        if (!Msgpack.isMap(cursor.peek())) {
            return -1;
        }
        int n = cursor.readMapHeader();
        for (int i = 0; i < n; i++) {
            int fieldOffset = cursor.position();
            int keyOffset = -1;
            int keyLength = 0;
            if (Msgpack.isText(cursor.peek())) {
                keyLength = cursor.readStringHeader();
                keyOffset = cursor.position();
                cursor.skipBytes(keyLength);
            } else {
                cursor.skipValue();
            }
            int valueOffset = cursor.position();
            cursor.skipValue();
            visitor.field(fieldOffset, keyOffset, keyLength, valueOffset, cursor.position());
        }
        return cursor.position();
    }
}
