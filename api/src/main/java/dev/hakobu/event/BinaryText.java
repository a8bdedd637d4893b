package dev.hakobu.event;

import java.util.Arrays;

/**
 * Turns msgpack {@code bin} that holds text into {@code str}, in place, so that every stage after the forward
 * decoder (routing, masking, key templates, every output) sees one representation of text.
 *
 * <p>Why: Fluentd's {@code in_tail} reads lines as Ruby strings in ASCII-8BIT, which msgpack packs as
 * {@code bin}; on the wire a record {@code {"id": "fd-0"}} is {@code 81 c4 02 69 64 c4 04 66 64 2d 30}.
 * Fluentd and Fluent Bit store such traffic as plain text, and so does Hakobu.
 *
 * <p>Rules:
 * <ul>
 *   <li>A map key in {@code bin} always becomes {@code str}: keys are names. Bytes that are not UTF-8 then
 *       reach the JSON outputs as any malformed {@code str} does (each bad byte a U+FFFD).</li>
 *   <li>A {@code bin} value becomes {@code str} when its bytes are well-formed UTF-8 ({@link Utf8}).</li>
 *   <li>A {@code bin} value that is not UTF-8 stays {@code bin}; the JSON outputs write it as a base64 string,
 *       from which the original bytes come back exactly.</li>
 * </ul>
 * bin8/16/32 become str8/16/32 ({@code 0xc4 -> 0xd9}, {@code 0xc5 -> 0xda}, {@code 0xc6 -> 0xdb}): the header keeps
 * its length, so only the type byte changes and nothing moves. The rewrite is deterministic, so a resent chunk
 * gets the same bytes (and keeps its id). The record must already have been bounds-checked
 * ({@link MsgpackCursor#skipValue}); the walk is iterative, so nesting depth cannot exhaust the stack. It is
 * its own walk rather than a {@link MsgpackCursor}'s because it must know at every nesting level whether the
 * next value is a map key; header lengths come from {@link Msgpack}'s table as the cursor's do.
 */
public final class BinaryText {
    /** bin8 + this = str8, and so on for 16 and 32 bits. */
    private static final int BIN_TO_STR = 0xd9 - 0xc4;

    private BinaryText() {}

    /** Rewrites the record {@code buf[off, off+len)} in place. */
    public static void toText(byte[] buf, int off, int len) {
        int end = off + len;
        int pos = off;
        long[] left = new long[8]; // values still to read at each open container
        boolean[] map = new boolean[8];
        int depth = 0;
        left[0] = 1;
        while (depth >= 0 && pos < end) {
            if (left[depth] == 0) {
                depth--;
                continue;
            }
            boolean key =
                    map[depth]
                            && (left[depth] & 1)
                                    == 0; // a map of n entries counts down from 2n: keys are even
            left[depth]--;
            int b = buf[pos] & 0xff;
            int type = Msgpack.type(b, pos);
            int headerLength = Msgpack.headerLength(type);
            int sizeBytes = Msgpack.sizeBytes(type);
            long size =
                    sizeBytes == 0
                            ? Msgpack.fixedSize(type)
                            : Msgpack.bigEndian(buf, pos + 1, sizeBytes);
            int kind = Msgpack.kind(type);
            if (kind == Msgpack.SCALAR) {
                if (Msgpack.isBinary(b)
                        && (key || Utf8.isValid(buf, pos + headerLength, (int) size))) {
                    buf[pos] = (byte) (b + BIN_TO_STR);
                }
                pos += headerLength + (int) size;
                continue;
            }
            pos += headerLength;
            if (++depth == left.length) {
                left = Arrays.copyOf(left, depth * 2);
                map = Arrays.copyOf(map, depth * 2);
            }
            map[depth] = kind == Msgpack.MAP;
            left[depth] = kind == Msgpack.MAP ? 2 * size : size;
        }
    }
}
