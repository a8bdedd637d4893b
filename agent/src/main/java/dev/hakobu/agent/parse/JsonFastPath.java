package dev.hakobu.agent.parse;

import dev.hakobu.event.Utf8;
import java.nio.charset.StandardCharsets;

/**
 * The common JSON line, transcoded to msgpack byte to byte without Jackson: one flat object whose names
 * and strings are valid UTF-8 without escapes, and whose values are strings, numbers, booleans or null.
 * Profiling showed Jackson's per-line parser, its char decoding and its name lookups as most of the
 * agent's reader thread.
 *
 * <p>Contract: {@link #parse} either builds exactly the record {@link JsonLineParser}'s Jackson path
 * builds for the line (same bytes, same event time), or returns false having decided nothing, and the
 * caller parses the line again with Jackson: nested values, escapes, typed fields, anything unusual or
 * invalid (so every error message still comes from Jackson). It need only be right on what it accepts.
 */
final class JsonFastPath {
    /** Longer numbers go to Jackson (its limits, BigInteger, and exact rounding are its business). */
    private static final int MAX_LONG_DIGITS = 18;

    private static final int MAX_FLOAT_CHARS = 64;

    /** Far below Jackson's own limits on names and strings, so no line it would reject is accepted here. */
    private static final int MAX_NAME_BYTES = 1024;

    private static final int MAX_STRING_BYTES = 1 << 20;
    private static final int NOT_PLAIN = -1;

    private final TimeField time;
    private final FieldTypes types;

    JsonFastPath(TimeField time, FieldTypes types) {
        this.time = time;
        this.types = types;
    }

    /** @return true if {@code out} holds the finished record; false: parse the line again with Jackson */
    boolean parse(byte[] b, int off, int len, long arrivalNanos, RecordBuilder out) {
        int end = off + len;
        int i = skipWhitespace(b, off, end);
        if (i >= end || b[i] != '{') {
            return false;
        }
        out.begin(arrivalNanos);
        String timeError = null;
        i = skipWhitespace(b, i + 1, end);
        if (i < end && b[i] == '}') {
            i++;
        } else {
            while (true) {
                if (i >= end || b[i] != '"') {
                    return false;
                }
                int nameStart = i + 1;
                int nameEnd = plainString(b, nameStart, end);
                int nameLen = nameEnd - nameStart;
                if (nameEnd == NOT_PLAIN
                        || nameLen > MAX_NAME_BYTES
                        || (!types.isEmpty() && types.find(b, nameStart, nameLen) != null)) {
                    return false;
                }
                i = skipWhitespace(b, nameEnd + 1, end);
                if (i >= end || b[i] != ':') {
                    return false;
                }
                i = skipWhitespace(b, i + 1, end);
                if (i >= end) {
                    return false;
                }
                boolean isTime = time.matches(b, nameStart, nameLen);
                out.rawKey(b, nameStart, nameLen);
                byte c = b[i];
                if (c == '"') {
                    int valueEnd = plainString(b, i + 1, end);
                    if (valueEnd == NOT_PLAIN || valueEnd - i - 1 > MAX_STRING_BYTES) {
                        return false;
                    }
                    if (isTime) {
                        timeError =
                                time.apply(
                                        new String(
                                                b, i + 1, valueEnd - i - 1, StandardCharsets.UTF_8),
                                        out);
                    }
                    out.rawString(b, i + 1, valueEnd - i - 1);
                    i = valueEnd + 1;
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    i = number(b, i, end, isTime, out);
                    if (i < 0) {
                        return false;
                    }
                } else if (literal(b, i, end, "true")) {
                    pack(out, 't');
                    i += 4;
                } else if (literal(b, i, end, "false")) {
                    pack(out, 'f');
                    i += 5;
                } else if (literal(b, i, end, "null")) {
                    pack(out, 'n');
                    i += 4;
                } else {
                    return false; // a nested object or array, or not JSON
                }
                i = skipWhitespace(b, i, end);
                if (i < end && b[i] == ',') {
                    i = skipWhitespace(b, i + 1, end);
                } else if (i < end && b[i] == '}') {
                    i++;
                    break;
                } else {
                    return false;
                }
            }
        }
        if (skipWhitespace(b, i, end) != end) {
            return false;
        }
        if (timeError != null) {
            out.string(TimeField.ERROR, timeError);
        }
        out.finish();
        return true;
    }

    /** Packs the number at {@code i} as Jackson's path would; the index after it, or -1 for Jackson. */
    private int number(byte[] b, int i, int end, boolean isTime, RecordBuilder out) {
        int start = i;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= end) {
            return -1;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i = digits(b, i, end);
        } else {
            return -1;
        }
        int intEnd = i;
        boolean fraction = false;
        if (i < end && b[i] == '.') {
            i = digits(b, i + 1, end);
            if (i == intEnd + 1) {
                return -1;
            }
            fraction = true;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            int expStart = i + 1 < end && (b[i + 1] == '+' || b[i + 1] == '-') ? i + 2 : i + 1;
            i = digits(b, expStart, end);
            if (i == expStart) {
                return -1;
            }
            fraction = true;
        }
        if (!fraction) {
            int n = intEnd - (negative ? start + 1 : start);
            if (n > MAX_LONG_DIGITS) {
                return -1;
            }
            long v = 0;
            for (int k = intEnd - n; k < intEnd; k++) {
                v = v * 10 + (b[k] - '0');
            }
            v = negative ? -v : v;
            if (isTime) {
                time.apply((double) v, out);
            }
            out.packLong(v);
        } else {
            if (i - start > MAX_FLOAT_CHARS) {
                return -1;
            }
            double v =
                    Double.parseDouble(
                            new String(b, start, i - start, StandardCharsets.ISO_8859_1));
            if (isTime) {
                time.apply(v, out);
            }
            out.packDouble(v);
        }
        return i;
    }

    private static void pack(RecordBuilder out, char literal) {
        switch (literal) {
            case 't' -> out.packBoolean(true);
            case 'f' -> out.packBoolean(false);
            default -> out.packNil();
        }
    }

    private static int digits(byte[] b, int i, int end) {
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private static boolean literal(byte[] b, int i, int end, String word) {
        if (end - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** JSON's whitespace; Jackson rejects any other control character, and so does the caller then. */
    private static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    /**
     * The index of the quote that ends the string starting at {@code i}, or {@link #NOT_PLAIN} if it has an
     * escape, a control character, or bytes that are not well-formed UTF-8 (overlong forms and surrogates
     * included: those decode and re-encode differently, so they are Jackson's to judge; {@link Utf8} decides),
     * or no end.
     */
    static int plainString(byte[] b, int i, int end) {
        while (i < end) {
            int c = b[i];
            if (c >= 0x20 && c != '"' && c != '\\') {
                i++; // ASCII (bytes >= 0x80 are negative here)
            } else if (c == '"') {
                return i;
            } else if (c >= 0) {
                return NOT_PLAIN; // a backslash or a control character
            } else {
                int n = Utf8.sequenceLength(b, i, end);
                if (n < 0) {
                    return NOT_PLAIN;
                }
                i += n;
            }
        }
        return NOT_PLAIN;
    }
}
