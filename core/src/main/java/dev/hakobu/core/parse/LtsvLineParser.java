package dev.hakobu.core.parse;

import java.nio.charset.StandardCharsets;

/**
 * Labeled Tab-separated Values: {@code label:value} fields separated by tabs; the first ':' splits a
 * field, so values may contain ':'. Values are strings unless {@code types} converts them. A field
 * without ':' or with an empty label makes the line a parse failure, kept whole.
 */
final class LtsvLineParser implements LineParser {
    private final TimeField time;
    private final FieldTypes types;
    private final ParseErrorMode onError;

    LtsvLineParser(TimeField time, FieldTypes types, ParseErrorMode onError) {
        this.time = time;
        this.types = types;
        this.onError = onError;
    }

    @Override
    public void parse(byte[] buf, int off, int len, long arrivalNanos, RecordBuilder out) {
        out.begin(arrivalNanos);
        String timeError = null;
        types.begin();
        int end = off + len;
        int fieldStart = off;
        while (fieldStart <= end) {
            int tab = indexOf(buf, (byte) '\t', fieldStart, end);
            int colon = indexOf(buf, (byte) ':', fieldStart, tab);
            if (colon <= fieldStart || colon == tab) {
                if (tab == fieldStart && tab == end && fieldStart != off) {
                    break; // a trailing tab
                }
                ParseFailure.keep(buf, off, len, arrivalNanos,
                        "LTSV field without a label (label:value) at byte " + (fieldStart - off), onError, out);
                return;
            }
            out.key(buf, fieldStart, colon - fieldStart);
            int valueStart = colon + 1;
            if (time.matches(buf, fieldStart, colon - fieldStart)) {
                String text = new String(buf, valueStart, tab - valueStart, StandardCharsets.UTF_8);
                timeError = time.apply(text, out);
            }
            Conversion c = types.isEmpty() ? null : types.find(buf, fieldStart, colon - fieldStart);
            if (c == null) {
                out.utf8(buf, valueStart, tab - valueStart);
            } else {
                types.failed(c.bytes(buf, valueStart, tab - valueStart, out));
            }
            fieldStart = tab + 1;
        }
        if (timeError != null) {
            out.string(TimeField.ERROR, timeError);
        }
        types.report(out);
        out.finish();
    }

    private static int indexOf(byte[] buf, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return to;
    }
}
