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
    default void truncated(TailedFile file, Truncation before) {}

    /**
     * The file was opened while shorter than a full fingerprint, nothing of it has been handed on, and its
     * fingerprint is full now; called before any line of it. The reader decides again whether it is a copytruncate
     * copy ({@link StartOffsets#grown}).
     * @return where to read on from: {@code file.offset()} for a file that is no copy, further on for the
     *     copy of a truncated file, or below 0 if the file was closed to wait for its original's truncation
     */
    default long fingerprinted(TailedFile file) {
        return file.offset();
    }
}
