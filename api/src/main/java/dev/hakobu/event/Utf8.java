package dev.hakobu.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * UTF-8 well-formedness as RFC 3629 defines it: no overlong forms, no surrogates, nothing above U+10FFFF.
 * The one validator of the project: the JSON writer uses it to copy text byte for byte, the forward decoder
 * to decide whether msgpack {@code bin} holds text ({@link BinaryText}), and the agent's JSON fast path to
 * decide which strings it may copy without Jackson. {@link #sequenceLength} sits in those hot loops: keep it
 * small enough to inline.
 */
public final class Utf8 {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {}

    /** @return the length of the well-formed multi-byte sequence at {@code s[i]}, or -1 if it is not one */
    public static int sequenceLength(byte[] s, int i, int end) {
        int b = s[i] & 0xff;
        int n;
        int min = 0x80;
        int max = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) {
            n = 2;
        } else if (b >= 0xe0 && b <= 0xef) {
            n = 3;
            min = b == 0xe0 ? 0xa0 : 0x80;
            max = b == 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
            n = 4;
            min = b == 0xf0 ? 0x90 : 0x80;
            max = b == 0xf4 ? 0x8f : 0xbf;
        } else {
            return -1;
        }
        if (end - i < n) {
            return -1;
        }
        int second = s[i + 1] & 0xff;
        if (second < min || second > max) {
            return -1;
        }
        for (int k = 2; k < n; k++) {
            if ((s[i + k] & 0xc0) != 0x80) {
                return -1;
            }
        }
        return n;
    }

    /** Whether {@code s[off, off+len)} is well-formed UTF-8; ASCII runs are checked eight bytes at a time. */
    public static boolean isValid(byte[] s, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (end - i >= 8 && ((long) LONGS.get(s, i) & 0x8080808080808080L) == 0) {
                i += 8;
            } else if (s[i] >= 0) {
                i++;
            } else {
                int n = sequenceLength(s, i, end);
                if (n < 0) {
                    return false;
                }
                i += n;
            }
        }
        return true;
    }
}
