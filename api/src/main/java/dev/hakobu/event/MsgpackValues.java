package dev.hakobu.event;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePacker;

/** Packs plain Java values (String, numbers, Boolean, null, Map, List, byte[]) as msgpack. */
public final class MsgpackValues {
    private MsgpackValues() {}

    public static void pack(Object value, MessagePacker m) throws IOException {
        if (value == null) {
            m.packNil();
        } else if (value instanceof String s) {
            m.packString(s);
        } else if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            m.packLong(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            m.packDouble(((Number) value).doubleValue());
        } else if (value instanceof BigInteger b) {
            m.packBigInteger(b);
        } else if (value instanceof Boolean b) {
            m.packBoolean(b);
        } else if (value instanceof byte[] bytes) {
            m.packBinaryHeader(bytes.length);
            m.writePayload(bytes);
        } else if (value instanceof MsgpackReader.Ext ext) {
            m.packExtensionTypeHeader(ext.type(), ext.data().length);
            m.writePayload(ext.data());
        } else if (value instanceof Map<?, ?> map) {
            m.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                m.packString(String.valueOf(e.getKey()));
                pack(e.getValue(), m);
            }
        } else if (value instanceof List<?> list) {
            m.packArrayHeader(list.size());
            for (Object item : list) {
                pack(item, m);
            }
        } else {
            m.packString(value.toString());
        }
    }
}
