package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.ValueJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads a record's field name and finds its column, without decoding the name again for every record:
 * records of one log mostly have the same keys in the same order, so the key bytes last seen at each
 * position of the map are kept with their column, and a name equal to them costs one byte comparison.
 * Reads from the unpacker over {@code bytes}, whose read count is the offset in {@code bytes}.
 */
final class FieldColumns {
    private final ChunkSchema schema;
    private final byte[] bytes;
    private byte[][] keys = new byte[16][];
    private int[] columns = new int[16];

    FieldColumns(ChunkSchema schema, byte[] bytes) {
        this.schema = schema;
        this.bytes = bytes;
    }

    /** Reads the key at map position {@code position} and returns its column, adding it if new. */
    int next(MessageUnpacker unpacker, int position) throws IOException {
        if (unpacker.getNextFormat().getValueType() != ValueType.STRING) {
            return schema.columnFor(ValueJson.of(unpacker.unpackValue()));
        }
        int len = unpacker.unpackRawStringHeader();
        int off = (int) unpacker.getTotalReadBytes();
        unpacker.readPayloadAsReference(len);
        if (position >= keys.length) {
            keys = Arrays.copyOf(keys, position * 2);
            columns = Arrays.copyOf(columns, position * 2);
        }
        byte[] known = keys[position];
        if (known != null && Arrays.equals(known, 0, known.length, bytes, off, off + len)) {
            return columns[position];
        }
        int column = schema.columnFor(new String(bytes, off, len, StandardCharsets.UTF_8));
        keys[position] = Arrays.copyOfRange(bytes, off, off + len);
        columns[position] = column;
        return column;
    }
}
