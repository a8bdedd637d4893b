package dev.hakobu.agent.parse;

/**
 * The whole line in {@code message}; the event time is the arrival time, or one found in the line by a
 * {@link LineTime} ({@code time_regex}, {@code time_pointer}). A line whose time is not found keeps the
 * arrival time and says why in {@code _time_parse_error}.
 */
final class RawLineParser implements LineParser {
    private final LineTime time;

    /** @param time null: every event at its arrival time */
    RawLineParser(LineTime time) {
        this.time = time;
    }

    @Override
    public void parse(byte[] buf, int off, int len, long arrivalNanos, RecordBuilder out) {
        out.begin(arrivalNanos);
        out.key(ParseFailure.MESSAGE);
        out.utf8(buf, off, len);
        if (time != null) {
            String error = time.apply(buf, off, len, out);
            if (error != null) {
                out.string(TimeField.ERROR, error);
            }
        }
        out.finish();
    }
}
