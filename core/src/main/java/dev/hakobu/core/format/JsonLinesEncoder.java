package dev.hakobu.core.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.value.ValueType;

/**
 * Transcodes msgpack records straight to JSON lines, one object per line, without building a tree.
 * Binary values become base64 strings, extension values {@code {"ext": type, "data": base64}}.
 * One encoder per output stream; not thread-safe.
 */
public final class JsonLinesEncoder implements AutoCloseable {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private final JsonGenerator json;
    private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
    private final MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);

    public JsonLinesEncoder(OutputStream out) throws IOException {
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
    }

    /** Writes the msgpack value at {@code buf[off, off+len)} as one line. */
    public void write(byte[] buf, int off, int len) throws IOException {
        input.reset(buf, off, len);
        unpacker.reset(input);
        copy();
        json.writeRaw('\n');
    }

    private void copy() throws IOException {
        MessageFormat f = unpacker.getNextFormat();
        ValueType type = f.getValueType();
        switch (type) {
            case NIL -> {
                unpacker.unpackNil();
                json.writeNull();
            }
            case BOOLEAN -> json.writeBoolean(unpacker.unpackBoolean());
            case INTEGER -> {
                if (f == MessageFormat.UINT64) {
                    json.writeNumber(unpacker.unpackBigInteger());
                } else {
                    json.writeNumber(unpacker.unpackLong());
                }
            }
            case FLOAT -> json.writeNumber(unpacker.unpackDouble());
            case STRING -> json.writeString(unpacker.unpackString());
            case BINARY -> json.writeString(Base64.getEncoder().encodeToString(unpacker.readPayload(unpacker.unpackBinaryHeader())));
            case ARRAY -> {
                int n = unpacker.unpackArrayHeader();
                json.writeStartArray();
                for (int i = 0; i < n; i++) {
                    copy();
                }
                json.writeEndArray();
            }
            case MAP -> {
                int n = unpacker.unpackMapHeader();
                json.writeStartObject();
                for (int i = 0; i < n; i++) {
                    json.writeFieldName(unpacker.getNextFormat().getValueType() == ValueType.STRING
                            ? unpacker.unpackString() : unpacker.unpackValue().toString());
                    copy();
                }
                json.writeEndObject();
            }
            case EXTENSION -> {
                var header = unpacker.unpackExtensionTypeHeader();
                byte[] data = unpacker.readPayload(header.getLength());
                json.writeStartObject();
                json.writeNumberField("ext", header.getType());
                json.writeStringField("data", Base64.getEncoder().encodeToString(data));
                json.writeEndObject();
            }
        }
    }

    /** Flushes buffered JSON into the stream below; does not close it. */
    public void flush() throws IOException {
        json.flush();
    }

    /** Flushes and closes the generator and the stream below. */
    @Override
    public void close() throws IOException {
        json.close();
    }
}
