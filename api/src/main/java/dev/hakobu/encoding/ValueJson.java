package dev.hakobu.encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.value.Value;

/**
 * One msgpack value as text, the way the JSON outputs write it, for encodings that keep a value as text
 * (Parquet's string and JSON columns): binary as base64, an extension as {@code {"ext": type, "data":
 * base64}}, unsigned integers past {@code Long.MAX_VALUE} exact. msgpack-core's own {@code Value.toJson()}
 * would decode binary as UTF-8, losing what is not. Thread-safe (no state).
 */
public final class ValueJson {
    private ValueJson() {}

    /** The value's JSON. */
    public static String of(Value value) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packValue(value);
            byte[] msgpack = packer.toByteArray();
            JsonBytes out = new JsonBytes(msgpack.length * 2 + 16);
            new MsgpackToJson(out).transcode(msgpack, 0, msgpack.length);
            return new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("a msgpack value could not be written as JSON", e);
        }
    }

    /**
     * The value as the text of a string cell: a string's own text, binary as base64 (as the JSON outputs
     * write it, without the quotes), anything else its {@link #of JSON}.
     */
    public static String text(Value value) {
        if (value.isStringValue()) {
            return value.asStringValue().asString();
        }
        if (value.isBinaryValue()) {
            return Base64.getEncoder().encodeToString(value.asBinaryValue().asByteArray());
        }
        return of(value);
    }
}
