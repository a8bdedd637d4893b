package dev.hakobu.bench.cluster;

import java.nio.charset.StandardCharsets;

/** Finds the harness's stamps in a stored JSON line: {@code "ts_us":N}, or {@code "ts_us":"N"} when the source was LTSV. */
final class Stamps {
    static final byte[] TS = key("ts_us");
    static final byte[] SID = key("sid");
    static final byte[] SEQ = key("seq");

    private Stamps() {}

    private static byte[] key(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** The non-negative number after {@code key} in {@code b[from, to)}, or -1 when the key is absent. */
    static long number(byte[] b, int from, int to, byte[] key) {
        int at = indexOf(b, from, to, key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length;
        while (i < to && (b[i] == ' ' || b[i] == '"')) {
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < to && b[i] >= '0' && b[i] <= '9'; i++, digits++) {
            v = v * 10 + (b[i] - '0');
        }
        return digits == 0 ? -1 : v;
    }

    private static int indexOf(byte[] b, int from, int to, byte[] key) {
        outer:
        for (int i = from; i + key.length <= to; i++) {
            for (int j = 0; j < key.length; j++) {
                if (b[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
