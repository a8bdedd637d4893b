package dev.hakobu.agent.tail;

/** Receives complete lines from the reader thread. The bytes are valid only during the call. */
interface LineSink {
    /** @param endOffset the file offset just past this line's newline */
    void line(TailedFile file, byte[] buf, int off, int len, long endOffset);
}
