package dev.hakobu.agent.tail;

/** Receives lines from the reader thread. The bytes are valid only during the call. */
interface LineSink {
    /**
     * @param endOffset where reading resumes once this line is delivered: just past its newline, or, for a
     *     truncated long line whose end is not known yet, the line's start
     * @param truncated the line was longer than {@code max_line_bytes} and these are its first bytes
     */
    void line(TailedFile file, byte[] buf, int off, int len, long endOffset, boolean truncated);

    /**
     * The file was truncated (seen while reading it, or at its opening after a restart); called before any
     * line of its new content.
     */
    default void truncated(TailedFile file, Truncation before) {
    }
}
