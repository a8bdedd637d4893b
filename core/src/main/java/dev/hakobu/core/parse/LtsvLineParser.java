package dev.hakobu.core.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Labeled Tab-separated Values: {@code label:value} fields separated by tabs; the first ':' splits a
 * field, so values may contain ':'. Values are strings (typing comes with {@code types}). A field
 * without ':' or with an empty label makes the line a parse failure, kept whole.
 */
final class LtsvLineParser implements LineParser {
    private final TimeField time;

    LtsvLineParser(TimeField time) {
        this.time = time;
    }

    @Override
    public void parse(byte[] buf, int off, int len, long arrivalNanos, RecordBuilder out) {
        out.begin(arrivalNanos);
        String timeError = null;
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
                        "LTSV field without a label (label:value) at byte " + (fieldStart - off), out);
                return;
            }
            out.key(buf, fieldStart, colon - fieldStart);
            int valueStart = colon + 1;
            if (time.matches(buf, fieldStart, colon - fieldStart)) {
                String text = new String(buf, valueStart, tab - valueStart, StandardCharsets.UTF_8);
                timeError = time.apply(text, out);
            }
            out.utf8(buf, valueStart, tab - valueStart);
            fieldStart = tab + 1;
        }
        if (timeError != null) {
            out.string(TimeField.ERROR, timeError);
        }
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
