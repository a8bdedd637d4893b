package dev.hakobu.agent.parse;

/** Turns one line (without its newline) into a record. See the package contract. */
public interface LineParser {

    /**
     * Parses {@code buf[off, off+len)} into {@code out}, which is restarted first.
     *
     * @param arrivalNanos epoch nanoseconds to use as the event time when the line carries none
     */
    void parse(byte[] buf, int off, int len, long arrivalNanos, RecordBuilder out);
}
