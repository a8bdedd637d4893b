package dev.hakobu.mask;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding as a server does it once ({@code %XX} to a byte, the bytes read as UTF-8, malformed
 * sequences as U+FFFD; a {@code %} not followed by two hex digits stays as it is; {@code +} is left to
 * the caller), and the least encoding that undoes it, for a value masking has changed.
 */
final class Percent {
    private Percent() {}

    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length && in[i] == '%' ? hex(in[i + 1]) : -1;
            int lo = hi < 0 ? -1 : hex(in[i + 2]);
            if (lo < 0) {
                out.write(in[i]);
            } else {
                out.write(hi << 4 | lo);
                i += 2;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Encodes only what {@link #decode} or a query around the value would read differently: {@code %},
     * {@code &} and {@code ;}. Everything else stays as masking left it, readable, so that decoding gives
     * {@code s} back and the value's bounds in the query do not move.
     */
    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '&' -> out.append("%26");
                case ';' -> out.append("%3B");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
