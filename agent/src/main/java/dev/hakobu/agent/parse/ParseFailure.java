package dev.hakobu.agent.parse;

/** What every parser writes for a line it cannot parse: the line kept whole, and (mode keep) why. */
final class ParseFailure {
    static final String MESSAGE = "message";
    static final String ERROR = "_parse_error";

    private ParseFailure() {}

    static void keep(
            byte[] buf,
            int off,
            int len,
            long arrivalNanos,
            String reason,
            ParseErrorMode mode,
            RecordBuilder out) {
        out.begin(arrivalNanos);
        out.markParseFailed();
        out.key(MESSAGE);
        out.utf8(buf, off, len);
        if (mode == ParseErrorMode.KEEP) {
            out.string(ERROR, reason == null ? "unparseable" : reason);
        }
        out.finish();
    }
}
