package dev.hakobu.agent.parse;

/** The fast path test: pure ASCII bytes are valid UTF-8 and can be copied as they are. */
final class Ascii {
    private Ascii() {}

    static boolean isAscii(byte[] buf, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
