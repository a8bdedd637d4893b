package dev.hakobu.agent.parse;

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
            // one pass per field: the label up to ':' (a tab first means no label), then the value
            // up to
            // the tab; OR-ing the bytes tells whether they are ASCII, to copy them without decoding
            int colon = fieldStart;
            int labelBits = 0;
            while (colon < end && buf[colon] != ':' && buf[colon] != '\t') {
                labelBits |= buf[colon];
                colon++;
            }
            if (colon == fieldStart || colon == end || buf[colon] == '\t') {
                if (fieldStart == end && fieldStart != off) {
                    break; // a trailing tab
                }
                ParseFailure.keep(
                        buf,
                        off,
                        len,
                        arrivalNanos,
                        "LTSV field without a label (label:value) at byte " + (fieldStart - off),
                        onError,
                        out);
                return;
            }
            int valueStart = colon + 1;
            int tab = valueStart;
            int valueBits = 0;
            while (tab < end && buf[tab] != '\t') {
                valueBits |= buf[tab];
                tab++;
            }
            if (labelBits < 0) {
                out.key(buf, fieldStart, colon - fieldStart);
            } else {
                out.rawKey(buf, fieldStart, colon - fieldStart);
            }
            if (time.matches(buf, fieldStart, colon - fieldStart)) {
                String text = new String(buf, valueStart, tab - valueStart, StandardCharsets.UTF_8);
                timeError = time.apply(text, out);
            }
            Conversion c = types.isEmpty() ? null : types.find(buf, fieldStart, colon - fieldStart);
            if (c != null) {
                types.failed(c.bytes(buf, valueStart, tab - valueStart, out));
            } else if (valueBits < 0) {
                out.utf8(buf, valueStart, tab - valueStart);
            } else {
                out.rawString(buf, valueStart, tab - valueStart);
            }
            fieldStart = tab + 1;
        }
        if (timeError != null) {
            out.string(TimeField.ERROR, timeError);
        }
        types.report(out);
        out.finish();
    }
}
