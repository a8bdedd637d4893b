package dev.hakobu.event;

/**
 * Writes the smallest msgpack map header for a count into the 5 bytes reserved before a map's
 * fields, right-aligned, and returns where the map now starts. Lets a record be streamed field by
 * field and framed afterwards without copying it.
 */
public final class MapHeader {
    public static final int RESERVED = 5;

    private MapHeader() {}

    /** @param end index just after the 5 reserved bytes; @return the offset of the first header byte */
    public static int patch(byte[] buf, int end, int count) {
        if (count < 16) {
            buf[end - 1] = (byte) (0x80 | count);
            return end - 1;
        }
        if (count < 65536) {
            buf[end - 3] = (byte) 0xde;
            buf[end - 2] = (byte) (count >>> 8);
            buf[end - 1] = (byte) count;
            return end - 3;
        }
        buf[end - 5] = (byte) 0xdf;
        buf[end - 4] = (byte) (count >>> 24);
        buf[end - 3] = (byte) (count >>> 16);
        buf[end - 2] = (byte) (count >>> 8);
        buf[end - 1] = (byte) count;
        return end - 5;
    }
}
