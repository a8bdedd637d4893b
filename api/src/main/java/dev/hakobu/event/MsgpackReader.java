package dev.hakobu.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;

/**
 * Reads msgpack values into plain Java values (the inverse of {@link MsgpackValues#pack}): maps keep
 * their order, binary becomes {@code byte[]}, extension values {@link Ext}. Map keys become strings:
 * a binary key the UTF-8 it holds (some clients send every string as binary), any other its
 * {@code String.valueOf}. Values nested deeper than {@link #MAX_DEPTH} are refused with an
 * {@link IOException} rather than a {@link StackOverflowError}: the forward decoder skips values
 * without recursion, so a record may be nested arbitrarily deep. Reuses one unpacker; not thread-safe.
 *
 * <p>Why msgpack-core and not {@link MsgpackCursor}: this builds whole object trees (big integers, ext values,
 * any key type) for the masker's slow path, where msgpack-core's decoding is what a user would expect; the
 * cursor serves the paths that must not allocate.
 */
public final class MsgpackReader {
    /** An extension value, kept as it was so it can be written back unchanged. */
    public record Ext(byte type, byte[] data) {}

    /** The deepest nesting of maps and arrays read. */
    public static final int MAX_DEPTH = 100;

    private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
    private final MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);

    public Object read(byte[] buf, int off, int len) throws IOException {
        input.reset(buf, off, len);
        unpacker.reset(input);
        return value(0);
    }

    private Object value(int depth) throws IOException {
        MessageFormat f = unpacker.getNextFormat();
        switch (f.getValueType()) {
            case NIL:
                unpacker.unpackNil();
                return null;
            case BOOLEAN:
                return unpacker.unpackBoolean();
            case INTEGER:
                return f == MessageFormat.UINT64
                        ? (Object) unpacker.unpackBigInteger()
                        : (Object) unpacker.unpackLong();
            case FLOAT:
                return unpacker.unpackDouble();
            case STRING:
                return unpacker.unpackString();
            case BINARY:
                return unpacker.readPayload(unpacker.unpackBinaryHeader());
            case ARRAY:
                {
                    checkDepth(depth);
                    int n = unpacker.unpackArrayHeader();
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(value(depth + 1));
                    }
                    return list;
                }
            case MAP:
                {
                    checkDepth(depth);
                    int n = unpacker.unpackMapHeader();
                    Map<String, Object> map = new LinkedHashMap<>(n * 2);
                    for (int i = 0; i < n; i++) {
                        Object key = value(depth + 1);
                        map.put(
                                key instanceof byte[] b
                                        ? new String(b, StandardCharsets.UTF_8)
                                        : String.valueOf(key),
                                value(depth + 1));
                    }
                    return map;
                }
            default:
                {
                    var header = unpacker.unpackExtensionTypeHeader();
                    return new Ext(header.getType(), unpacker.readPayload(header.getLength()));
                }
        }
    }

    private static void checkDepth(int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new IOException("nested deeper than " + MAX_DEPTH + " levels");
        }
    }
}
