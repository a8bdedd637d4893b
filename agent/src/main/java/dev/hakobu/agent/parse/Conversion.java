package dev.hakobu.agent.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.msgpack.core.MessagePacker;

/**
 * One typed field's conversion. Packs exactly one value; a value that does not convert is packed as
 * the field's {@code null_as} (or nil), its original text goes to {@link Originals} (the record's
 * {@code _raw}) and the reason is returned, so the record is kept, flagged and still fits its declared
 * type in a typed index, never dropped. Not thread-safe (the time parser caches).
 */
final class Conversion {
    private final String name;
    private final FieldKind kind;
    private final String nullAs;
    private final byte[][] nullValues;
    private final TimeParser time;
    private final ZoneId zone;
    private final Originals originals;

    /** Where a value that did not convert is kept, under its field's name. */
    interface Originals {
        void keep(String field, String original);
    }

    Conversion(
            String name,
            FieldTypeConfig config,
            List<String> nullValues,
            String timeFormat,
            ZoneId zone,
            Originals originals) {
        this.name = name;
        this.originals = originals;
        this.kind = config.type();
        this.nullAs = config.nullAs().orElse(null);
        this.nullValues =
                nullValues.stream()
                        .map(v -> v.getBytes(StandardCharsets.UTF_8))
                        .toArray(byte[][]::new);
        this.time =
                kind == FieldKind.TIME
                        ? TimeParser.of(config.format().orElse(timeFormat), zone)
                        : null;
        this.zone = zone;
    }

    /** Config-time check of a value for a kind: null if it converts, else why not. */
    static String check(FieldKind kind, String text) {
        try {
            switch (kind) {
                case INTEGER -> Long.parseLong(text.strip());
                case FLOAT -> Double.parseDouble(text.strip());
                case BOOLEAN -> parseBoolean(text);
                default -> {}
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "not a " + kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Converts a value given as bytes of a line (LTSV); integers need no String. */
    String bytes(byte[] buf, int off, int len, RecordBuilder out) {
        for (byte[] n : nullValues) {
            if (java.util.Arrays.equals(n, 0, n.length, buf, off, off + len)) {
                nil(out);
                return null;
            }
        }
        if (kind == FieldKind.INTEGER && len > 0 && len < 19) {
            long v = digits(buf, off, len);
            if (v != Long.MIN_VALUE) {
                pack(p -> p.packLong(v), out);
                return null;
            }
        }
        if (kind == FieldKind.STRING) {
            out.utf8(buf, off, len);
            return null;
        }
        return convert(new String(buf, off, len, StandardCharsets.UTF_8), out);
    }

    /** Converts a value given as text (a JSON scalar's text); {@code null} is a JSON null. */
    String text(String text, RecordBuilder out) {
        if (text == null || isNullValue(text)) {
            nil(out);
            return null;
        }
        return convert(text, out);
    }

    private boolean isNullValue(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (byte[] n : nullValues) {
            if (java.util.Arrays.equals(n, b)) {
                return true;
            }
        }
        return false;
    }

    private String convert(String text, RecordBuilder out) {
        try {
            switch (kind) {
                case INTEGER -> {
                    long v = Long.parseLong(text.strip());
                    pack(p -> p.packLong(v), out);
                }
                case FLOAT -> {
                    double v = Double.parseDouble(text.strip());
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(
                                "not finite"); // Elasticsearch rejects NaN and Infinity
                    }
                    pack(p -> p.packDouble(v), out);
                }
                case BOOLEAN -> {
                    boolean v = parseBoolean(text);
                    pack(p -> p.packBoolean(v), out);
                }
                case TIME -> out.value(iso(time.parse(text)));
                case STRING -> out.value(text);
            }
            return null;
        } catch (IllegalArgumentException | DateTimeException e) {
            nil(out);
            originals.keep(name, text);
            String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
            return name
                    + ": cannot read '"
                    + shown
                    + "' as "
                    + kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Packs {@code null_as} (validated at config time) or nil. */
    private void nil(RecordBuilder out) {
        if (nullAs == null) {
            pack(MessagePacker::packNil, out);
        } else {
            convert(nullAs, out);
        }
    }

    private String iso(long epochNanos) {
        Instant t = Instant.ofEpochSecond(0, epochNanos);
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).toOffsetDateTime());
    }

    private static boolean parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** A short decimal integer, or Long.MIN_VALUE if the bytes are anything else. */
    private static long digits(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = buf[i] == '-';
        if (negative || buf[i] == '+') {
            i++;
        }
        if (i == end) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private interface Packing {
        void pack(MessagePacker p) throws IOException;
    }

    private static void pack(Packing packing, RecordBuilder out) {
        try {
            packing.pack(out.packer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
