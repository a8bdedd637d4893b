package dev.hakobu.core.msgpack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.core.MessagePack;

/**
 * Reads msgpack values into plain Java values (the inverse of {@link MsgpackValues#pack}): maps keep
 * their order, binary becomes {@code byte[]}, extension values {@link Ext}. Reuses one unpacker;
 * not thread-safe.
 */
public final class MsgpackReader {
    /** An extension value, kept as it was so it can be written back unchanged. */
    public record Ext(byte type, byte[] data) {
    }

    private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
    private final MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);

    public Object read(byte[] buf, int off, int len) throws IOException {
        input.reset(buf, off, len);
        unpacker.reset(input);
        return value();
    }

    private Object value() throws IOException {
        MessageFormat f = unpacker.getNextFormat();
        switch (f.getValueType()) {
            case NIL:
                unpacker.unpackNil();
                return null;
            case BOOLEAN:
                return unpacker.unpackBoolean();
            case INTEGER:
                return f == MessageFormat.UINT64 ? (Object) unpacker.unpackBigInteger() : (Object) unpacker.unpackLong();
            case FLOAT:
                return unpacker.unpackDouble();
            case STRING:
                return unpacker.unpackString();
            case BINARY:
                return unpacker.readPayload(unpacker.unpackBinaryHeader());
            case ARRAY: {
                int n = unpacker.unpackArrayHeader();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(value());
                }
                return list;
            }
            case MAP: {
                int n = unpacker.unpackMapHeader();
                Map<String, Object> map = new LinkedHashMap<>(n * 2);
                for (int i = 0; i < n; i++) {
                    Object key = value();
                    map.put(String.valueOf(key), value());
                }
                return map;
            }
            default: {
                var header = unpacker.unpackExtensionTypeHeader();
                return new Ext(header.getType(), unpacker.readPayload(header.getLength()));
            }
        }
    }
}
