package dev.hakobu.outputs.parquet;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The {@code sort_by} values of every held record, read once, and their order. Values compare by kind first:
 * numbers, then strings, then booleans, then maps, arrays and binary (all equal to each other), then null
 * or missing last. Within a kind: numbers numerically (integers and floats together, exactly), strings by
 * their UTF-8 bytes unsigned (the order of Parquet's binary statistics, so sorted pages get disjoint min/max),
 * {@code false} before {@code true}.
 *
 * <p>Strings are not copied: a key is an offset and length into the held records' buffer.
 */
final class SortKeys {
    private static final byte NUMBER = 0;
    private static final byte STRING = 1;
    private static final byte BOOLEAN = 2;
    private static final byte OTHER = 3;
    private static final byte MISSING = 4;

    private final byte[][] names;
    private final byte[] bytes;
    // per field, per record: the value's kind; a number's bits and whether they are a double's; a
    // string's
    // offset and length in bytes; a boolean as 0 or 1 in numbers
    private final byte[][] kinds;
    private final boolean[][] floating;
    private final long[][] numbers;
    private final int[][] offsets;
    private final int[][] lengths;

    /**
     * @param fields  the top-level fields to sort by, in order
     * @param bytes   the held records
     * @param records how many records {@link #read} will be given
     */
    SortKeys(List<String> fields, byte[] bytes, int records) {
        int n = fields.size();
        this.names = new byte[n][];
        for (int f = 0; f < n; f++) {
            names[f] = fields.get(f).getBytes(StandardCharsets.UTF_8);
        }
        this.bytes = bytes;
        this.kinds = new byte[n][records];
        this.floating = new boolean[n][records];
        this.numbers = new long[n][records];
        this.offsets = new int[n][records];
        this.lengths = new int[n][records];
        for (byte[] k : kinds) {
            Arrays.fill(k, MISSING);
        }
    }

    /**
     * Reads record {@code record} from {@code unpacker}, which reads {@code bytes} from offset 0, and leaves it
     * after the record. A key given twice counts its last value, as the row does.
     */
    void read(MessageUnpacker unpacker, int record) throws IOException {
        if (unpacker.getNextFormat().getValueType() != ValueType.MAP) {
            unpacker.skipValue();
            return;
        }
        int size = unpacker.unpackMapHeader();
        for (int i = 0; i < size; i++) {
            int field = field(unpacker);
            if (field < 0) {
                unpacker.skipValue();
            } else {
                value(unpacker, field, record);
            }
        }
    }

    /** Compares records {@code a} and {@code b} by the fields in order; 0 when all are equal. */
    int compare(int a, int b) {
        for (int f = 0; f < names.length; f++) {
            int c = compare(f, a, b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private int compare(int f, int a, int b) {
        byte kind = kinds[f][a];
        if (kind != kinds[f][b]) {
            return Byte.compare(kind, kinds[f][b]);
        }
        return switch (kind) {
            case NUMBER -> compareNumbers(f, a, b);
            case STRING ->
                    Arrays.compareUnsigned(
                            bytes,
                            offsets[f][a],
                            offsets[f][a] + lengths[f][a],
                            bytes,
                            offsets[f][b],
                            offsets[f][b] + lengths[f][b]);
            case BOOLEAN -> Long.compare(numbers[f][a], numbers[f][b]);
            default -> 0;
        };
    }

    private int compareNumbers(int f, int a, int b) {
        long x = numbers[f][a];
        long y = numbers[f][b];
        boolean xf = floating[f][a];
        boolean yf = floating[f][b];
        if (!xf && !yf) {
            return Long.compare(x, y);
        }
        if (xf && yf) {
            return Double.compare(Double.longBitsToDouble(x), Double.longBitsToDouble(y));
        }
        return xf
                ? -compareLongDouble(y, Double.longBitsToDouble(x))
                : compareLongDouble(x, Double.longBitsToDouble(y));
    }

    /** Exact comparison of a long and a double (NaN above every number, as {@link Double#compare}). */
    static int compareLongDouble(long l, double d) {
        if (Double.isNaN(d) || d >= 0x1p63) {
            return -1;
        }
        if (d < -0x1p63) {
            return 1;
        }
        long floor = (long) Math.floor(d);
        if (l != floor) {
            return Long.compare(l, floor);
        }
        return d > floor ? -1 : 0;
    }

    /** Reads a key; returns the sort field it names, or -1. */
    private int field(MessageUnpacker unpacker) throws IOException {
        if (unpacker.getNextFormat().getValueType() != ValueType.STRING) {
            unpacker.skipValue();
            return -1;
        }
        int len = unpacker.unpackRawStringHeader();
        int off = (int) unpacker.getTotalReadBytes();
        unpacker.readPayloadAsReference(len);
        for (int f = 0; f < names.length; f++) {
            if (Arrays.equals(names[f], 0, names[f].length, bytes, off, off + len)) {
                return f;
            }
        }
        return -1;
    }

    private void value(MessageUnpacker unpacker, int f, int record) throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        byte kind;
        switch (format.getValueType()) {
            case INTEGER -> {
                kind = NUMBER;
                if (format == MessageFormat.UINT64) {
                    BigInteger value = unpacker.unpackBigInteger();
                    boolean big = value.bitLength() >= 64;
                    floating[f][record] = big;
                    numbers[f][record] =
                            big ? Double.doubleToLongBits(value.doubleValue()) : value.longValue();
                } else {
                    floating[f][record] = false;
                    numbers[f][record] = unpacker.unpackLong();
                }
            }
            case FLOAT -> {
                kind = NUMBER;
                floating[f][record] = true;
                numbers[f][record] = Double.doubleToLongBits(unpacker.unpackDouble());
            }
            case STRING -> {
                kind = STRING;
                int len = unpacker.unpackRawStringHeader();
                offsets[f][record] = (int) unpacker.getTotalReadBytes();
                lengths[f][record] = len;
                unpacker.readPayloadAsReference(len);
            }
            case BOOLEAN -> {
                kind = BOOLEAN;
                numbers[f][record] = unpacker.unpackBoolean() ? 1 : 0;
            }
            case NIL -> {
                kind = MISSING;
                unpacker.unpackNil();
            }
            default -> {
                kind = OTHER;
                unpacker.skipValue();
            }
        }
        kinds[f][record] = kind;
    }
}
