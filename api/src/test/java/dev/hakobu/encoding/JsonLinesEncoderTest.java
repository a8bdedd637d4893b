package dev.hakobu.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

class JsonLinesEncoderTest {
    @Test
    void transcodesRandomRecordsAsJacksonOverMsgpackCoreDoes() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        SplittableRandom random = new SplittableRandom(20200814);
        for (int i = 0; i < 3_000; i++) {
            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            p.packMapHeader(4);
            for (int k = 0; k < 4; k++) {
                key(p, random);
                value(p, random, 0);
            }
            byte[] record = p.toByteArray();
            String mine = encode(record);
            String theirs = reference(record);
            assertThat(mapper.readTree(mine)).as("record %d", i).isEqualTo(mapper.readTree(theirs));
            if (!theirs.contains("\\uD83D")) {
                assertThat(mine).as("record %d, byte for byte", i).isEqualTo(theirs);
            }
        }
    }

    @Test
    void writesTheStoryRecordAsOneCompactLine() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(3)
                .packString("camera_id")
                .packString("camera2")
                .packString("size")
                .packLong(-1)
                .packString("reqtime")
                .packDouble(0.25);
        assertThat(encode(p.toByteArray()))
                .isEqualTo("{\"camera_id\":\"camera2\",\"size\":-1,\"reqtime\":0.25}\n");
    }

    @Test
    void writesCharactersBeyondTheBasicPlaneAsUtf8AndEscapesControlCharacters() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packString("\uD83D\uDCF7 camera\u0001\t");
        assertThat(encode(p.toByteArray())).isEqualTo("\"\uD83D\uDCF7 camera\\u0001\\t\"\n");
    }

    @Test
    void writesSinglePrecisionFloatsInTheirShortestForm() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(3)
                .packFloat(0.1f)
                .packDouble(Double.NaN)
                .packFloat(Float.NEGATIVE_INFINITY);
        assertThat(encode(p.toByteArray())).isEqualTo("[0.1,\"NaN\",\"-Infinity\"]\n");
    }

    @Test
    void replacesInvalidUtf8InsteadOfWritingInvalidJson() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        byte[] bad = {'a', (byte) 0xff, 'b', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'};
        p.packRawStringHeader(bad.length).writePayload(bad);
        String json = encode(p.toByteArray());
        assertThat(json).contains("\uFFFD").endsWith("\\\"\"\n");
        assertThat(new ObjectMapper().readValue(json, String.class))
                .isEqualTo(new String(bad, StandardCharsets.UTF_8));
    }

    @Test
    void writesValuesNestedBeyondTheLimitAsBase64MsgpackInsteadOfOverflowingTheStack()
            throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        int depth = MsgpackToJson.MAX_DEPTH + 5;
        for (int i = 0; i < depth; i++) {
            p.packArrayHeader(1);
        }
        p.packInt(7);
        byte[] value = p.toByteArray();
        String json = encode(value);
        String tail =
                Base64.getEncoder()
                        .encodeToString(
                                java.util.Arrays.copyOfRange(
                                        value, MsgpackToJson.MAX_DEPTH, value.length));
        assertThat(json)
                .startsWith("[".repeat(MsgpackToJson.MAX_DEPTH) + "{\"msgpack\":\"" + tail + "\"}")
                .endsWith("]\n");
    }

    @Test
    void refusesTruncatedRecordsAndWritesNothingOfThem() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(1).packString("message").packString("cut short");
        byte[] record = p.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesEncoder encoder = new JsonLinesEncoder(out)) {
            assertThatThrownBy(() -> encoder.write(record, 0, record.length - 3))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("truncated");
            encoder.write(record, 0, record.length);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"cut short\"}\n");
    }

    private static String encode(byte[] record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesEncoder encoder = new JsonLinesEncoder(out)) {
            encoder.write(record, 0, record.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void key(MessageBufferPacker p, SplittableRandom r) throws IOException {
        switch (r.nextInt(8)) {
            case 0 -> p.packInt(r.nextInt(-50, 1000));
            case 1 -> p.packBoolean(r.nextBoolean());
            default -> p.packString(text(r));
        }
    }

    static void value(MessageBufferPacker p, SplittableRandom r, int depth) throws IOException {
        int kind = r.nextInt(depth < 3 ? 12 : 10);
        switch (kind) {
            case 0 -> p.packNil();
            case 1 -> p.packBoolean(r.nextBoolean());
            case 2 -> p.packLong(r.nextLong() >> r.nextInt(64));
            case 3 ->
                    p.packBigInteger(
                            java.math.BigInteger.valueOf(r.nextLong())
                                    .abs()
                                    .shiftLeft(1)
                                    .add(java.math.BigInteger.ONE));
            case 4 ->
                    p.packDouble(
                            r.nextInt(4) == 0
                                    ? r.nextInt(1000)
                                    : r.nextDouble() * Math.pow(10, r.nextInt(-20, 20)));
            case 5, 6 -> p.packString(text(r));
            case 7 -> {
                byte[] raw = new byte[r.nextInt(12)];
                r.nextBytes(raw);
                p.packRawStringHeader(raw.length).writePayload(raw);
            }
            case 8 -> {
                byte[] bin = new byte[r.nextInt(20)];
                r.nextBytes(bin);
                p.packBinaryHeader(bin.length).writePayload(bin);
            }
            case 9 -> {
                byte[] ext = new byte[r.nextInt(4) == 0 ? 8 : r.nextInt(1, 30)];
                r.nextBytes(ext);
                p.packExtensionTypeHeader((byte) r.nextInt(-5, 100), ext.length).writePayload(ext);
            }
            case 10 -> {
                int n = r.nextInt(4);
                p.packArrayHeader(n);
                for (int i = 0; i < n; i++) {
                    value(p, r, depth + 1);
                }
            }
            default -> {
                int n = r.nextInt(4);
                p.packMapHeader(n);
                for (int i = 0; i < n; i++) {
                    key(p, r);
                    value(p, r, depth + 1);
                }
            }
        }
    }

    private static final String[] PIECES = {
        "camera",
        "name=hoge&token=abc",
        "\"",
        "\\",
        "\n",
        "\t",
        "\u0001",
        "\u001f",
        "\u007f",
        "é",
        "日本語",
        "\uD83D\uDCF7",
        "\u2028",
        "/",
        " ",
        "<>&"
    };

    private static String text(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[r.nextInt(PIECES.length)]);
        }
        if (r.nextInt(5) == 0) {
            s.append("x".repeat(r.nextInt(40, 300)));
        }
        return s.toString();
    }

    /** The encoder this one replaced: msgpack-core decoding, Jackson writing (float64 only). */
    private static String reference(byte[] record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
                MessageUnpacker u = MessagePack.newDefaultUnpacker(record)) {
            copy(u, json);
        }
        return out.toString(StandardCharsets.UTF_8) + "\n";
    }

    private static void copy(MessageUnpacker u, JsonGenerator json) throws IOException {
        MessageFormat f = u.getNextFormat();
        switch (f.getValueType()) {
            case NIL -> {
                u.unpackNil();
                json.writeNull();
            }
            case BOOLEAN -> json.writeBoolean(u.unpackBoolean());
            case INTEGER -> {
                if (f == MessageFormat.UINT64) {
                    json.writeNumber(u.unpackBigInteger());
                } else {
                    json.writeNumber(u.unpackLong());
                }
            }
            case FLOAT -> json.writeNumber(u.unpackDouble());
            case STRING -> json.writeString(u.unpackString());
            case BINARY ->
                    json.writeString(
                            Base64.getEncoder()
                                    .encodeToString(u.readPayload(u.unpackBinaryHeader())));
            case ARRAY -> {
                int n = u.unpackArrayHeader();
                json.writeStartArray();
                for (int i = 0; i < n; i++) {
                    copy(u, json);
                }
                json.writeEndArray();
            }
            case MAP -> {
                int n = u.unpackMapHeader();
                json.writeStartObject();
                for (int i = 0; i < n; i++) {
                    json.writeFieldName(
                            u.getNextFormat().getValueType() == ValueType.STRING
                                    ? u.unpackString()
                                    : u.unpackValue().toString());
                    copy(u, json);
                }
                json.writeEndObject();
            }
            case EXTENSION -> {
                var header = u.unpackExtensionTypeHeader();
                byte[] data = u.readPayload(header.getLength());
                json.writeStartObject();
                json.writeNumberField("ext", header.getType());
                json.writeStringField("data", Base64.getEncoder().encodeToString(data));
                json.writeEndObject();
            }
        }
    }
}
