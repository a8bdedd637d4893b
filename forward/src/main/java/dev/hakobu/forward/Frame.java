package dev.hakobu.forward;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One encoded frame as three parts written back to back: the head (array header, tag, bin header), the
 * entries (or their compressed form) and the tail (the options map). The entries part may be a slice of
 * the caller's chunk array, so a frame need not copy a chunk it can point at.
 */
record Frame(byte[] head, byte[] body, int bodyOffset, int bodyLength, byte[] tail) {

    int length() {
        return head.length + bodyLength + tail.length;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(head);
        out.write(body, bodyOffset, bodyLength);
        out.write(tail);
    }

    /** The frame in one array (for tests and for callers that want the bytes). */
    byte[] toByteArray() {
        byte[] all = new byte[length()];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, bodyOffset, all, head.length, bodyLength);
        System.arraycopy(tail, 0, all, head.length + bodyLength, tail.length);
        return all;
    }
}
