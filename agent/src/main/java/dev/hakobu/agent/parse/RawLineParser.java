package dev.hakobu.agent.parse;

/** The whole line in {@code message}, at its arrival time. */
final class RawLineParser implements LineParser {
    @Override
    public void parse(byte[] buf, int off, int len, long arrivalNanos, RecordBuilder out) {
        out.begin(arrivalNanos);
        out.key(ParseFailure.MESSAGE);
        out.utf8(buf, off, len);
        out.finish();
    }
}
