package dev.hakobu.agent.tail;

/**
 * The reader thread's one read buffer, shared by every file: a file keeps no bytes between reads (a
 * line cut by the buffer's end is read again next time), so memory does not grow with the number of
 * files. Grows only to hold one line of up to {@code max_line_bytes}, and shrinks back after it.
 */
final class ReadBuffer {
    static final int DEFAULT = 256 * 1024;
    final byte[] fingerprint = new byte[Fingerprint.BYTES];
    byte[] bytes;

    ReadBuffer(int size) {
        bytes = new byte[size];
    }

    ReadBuffer() {
        this(DEFAULT);
    }

    void growTo(int size) {
        bytes = new byte[size];
    }

    void shrink() {
        if (bytes.length > DEFAULT) {
            bytes = new byte[DEFAULT];
        }
    }
}
