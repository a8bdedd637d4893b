package dev.hakobu.forward;

import dev.hakobu.event.Msgpack;
import dev.hakobu.event.MsgpackCursor;

/**
 * The options map that may end a frame. Only {@code chunk}, {@code size} and {@code compressed} mean
 * something here; other keys are skipped. {@code size} is kept for diagnostics: the decoder counts
 * entries itself and prefers its own count when they disagree.
 */
record Options(String chunk, long size, String compressed) {
    static final Options NONE = new Options(null, -1, null);

    /** Reads a map (or nil, which some clients send for "no options"). */
    static Options parse(MsgpackCursor cursor) {
        if (cursor.tryReadNil()) {
            return NONE;
        }
        String chunk = null;
        long size = -1;
        String compressed = null;
        int entries = cursor.readMapHeader();
        for (int i = 0; i < entries; i++) {
            if (!Msgpack.isText(cursor.peek())) {
                cursor.skipValue();
                cursor.skipValue();
                continue;
            }
            switch (cursor.readString()) {
                case "chunk" -> chunk = requireString(cursor, "chunk");
                case "size" -> size = isInteger(cursor.peek()) ? cursor.readLong() : skip(cursor);
                case "compressed" -> compressed = requireString(cursor, "compressed");
                default -> cursor.skipValue();
            }
        }
        if ("text".equals(compressed)) {
            compressed = null; // fluentd's name for "not compressed"
        }
        return new Options(chunk, size, compressed);
    }

    private static boolean isInteger(int b) {
        return b <= 0x7f || b >= 0xe0 || (b >= 0xcc && b <= 0xd3);
    }

    /** A {@code size} that is not an integer is as harmless as a wrong one: the decoder counts anyway. */
    private static long skip(MsgpackCursor cursor) {
        cursor.skipValue();
        return -1;
    }

    private static String requireString(MsgpackCursor cursor, String option) {
        if (!Msgpack.isText(cursor.peek())) {
            throw cursor.unexpected("a string for option '" + option + "'", cursor.peek());
        }
        return cursor.readString();
    }
}
