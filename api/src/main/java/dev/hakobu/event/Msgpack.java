package dev.hakobu.event;

/**
 * The MessagePack header layout by first byte, shared by the byte-array cursor and the frame scanner.
 *
 * <p>A type word packs: header length in bytes (type byte plus size field plus ext type), how many bytes
 * the big-endian size field has (it always starts right after the type byte), the kind, and for formats
 * without a size field the fixed payload length or element count.
 */
public final class Msgpack {
    static final int SCALAR = 0;
    public static final int ARRAY = 1;
    public static final int MAP = 2;

    /** The nil byte; a nil message is a heartbeat. */
    public static final int NIL = 0xc0;

    private static final int INVALID = -1;
    private static final int[] TYPES = new int[256];

    /** The total length of a value its first byte fully describes (scalars, fixstr, fixext), else 0. */
    private static final byte[] WHOLE = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            TYPES[b] = describe(b);
            int t = TYPES[b];
            if (t != INVALID && kind(t) == SCALAR && sizeBytes(t) == 0) {
                WHOLE[b] = (byte) (headerLength(t) + fixedSize(t));
            }
        }
    }

    /** See {@link #WHOLE}. */
    static int wholeLength(int b) {
        return WHOLE[b];
    }

    private Msgpack() {}

    /** The type word for first byte {@code b}; throws on 0xc1, the one byte msgpack never uses. */
    public static int type(int b, long offset) {
        int t = TYPES[b];
        if (t == INVALID) {
            throw new MalformedEventsException(
                    String.format("invalid msgpack byte 0x%02x at offset %d", b, offset));
        }
        return t;
    }

    public static int headerLength(int type) {
        return type & 0xf;
    }

    public static int sizeBytes(int type) {
        return (type >>> 4) & 0xf;
    }

    public static int kind(int type) {
        return (type >>> 8) & 0x3;
    }

    public static int fixedSize(int type) {
        return type >>> 16;
    }

    public static boolean isString(int b) {
        return (b >= 0xa0 && b <= 0xbf) || (b >= 0xd9 && b <= 0xdb);
    }

    /** A str, or a bin that a peer used for text (Fluentd packs ASCII-8BIT Ruby strings as bin). */
    public static boolean isText(int b) {
        return isString(b) || isBinary(b);
    }

    public static boolean isBinary(int b) {
        return b >= 0xc4 && b <= 0xc6;
    }

    public static boolean isArray(int b) {
        return (b & 0xf0) == 0x90 || b == 0xdc || b == 0xdd;
    }

    static boolean isMap(int b) {
        return (b & 0xf0) == 0x80 || b == 0xde || b == 0xdf;
    }

    /** The unsigned big-endian number in {@code buf[at, at+n)}, n at most 8: a size field or a fixed-width value. */
    static long bigEndian(byte[] buf, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (buf[at + i] & 0xff);
        }
        return v;
    }

    private static int describe(int b) {
        if (b <= 0x7f || b >= 0xe0) {
            return word(1, 0, SCALAR, 0);
        }
        if (b <= 0x8f) {
            return word(1, 0, MAP, b & 0x0f);
        }
        if (b <= 0x9f) {
            return word(1, 0, ARRAY, b & 0x0f);
        }
        if (b <= 0xbf) {
            return word(1, 0, SCALAR, b & 0x1f);
        }
        return switch (b) {
            case 0xc0, 0xc2, 0xc3 -> word(1, 0, SCALAR, 0);
            case 0xc4, 0xd9 -> word(2, 1, SCALAR, 0);
            case 0xc5, 0xda -> word(3, 2, SCALAR, 0);
            case 0xc6, 0xdb -> word(5, 4, SCALAR, 0);
            case 0xc7 -> word(3, 1, SCALAR, 0);
            case 0xc8 -> word(4, 2, SCALAR, 0);
            case 0xc9 -> word(6, 4, SCALAR, 0);
            case 0xcc, 0xd0 -> word(1, 0, SCALAR, 1);
            case 0xcd, 0xd1 -> word(1, 0, SCALAR, 2);
            case 0xca, 0xce, 0xd2 -> word(1, 0, SCALAR, 4);
            case 0xcb, 0xcf, 0xd3 -> word(1, 0, SCALAR, 8);
            case 0xd4 -> word(2, 0, SCALAR, 1);
            case 0xd5 -> word(2, 0, SCALAR, 2);
            case 0xd6 -> word(2, 0, SCALAR, 4);
            case 0xd7 -> word(2, 0, SCALAR, 8);
            case 0xd8 -> word(2, 0, SCALAR, 16);
            case 0xdc -> word(3, 2, ARRAY, 0);
            case 0xdd -> word(5, 4, ARRAY, 0);
            case 0xde -> word(3, 2, MAP, 0);
            case 0xdf -> word(5, 4, MAP, 0);
            default -> INVALID;
        };
    }

    private static int word(int headerLength, int sizeBytes, int kind, int fixed) {
        return headerLength | sizeBytes << 4 | kind << 8 | fixed << 16;
    }
}
