package dev.hakobu.agent.parse;

/** Where the {@code raw} parser finds an event time inside a line it otherwise keeps whole. */
interface LineTime {
    /**
     * Sets {@code out}'s event time from the line.
     *
     * @return null when set, else why not (the event keeps its arrival time; the caller reports it in
     *     {@code _time_parse_error})
     */
    String apply(byte[] buf, int off, int len, RecordBuilder out);
}
