package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.event.BinaryText;
import dev.hakobu.event.EntryReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

class BinaryTextTest {
    @Test
    void binKeysAndUtf8BinValuesBecomeStrWithTheSameBytes() throws IOException {
        byte[] record =
                Frames.pack(
                        p -> {
                            p.packMapHeader(2);
                            binary(p, "id".getBytes(StandardCharsets.UTF_8));
                            binary(p, "fd-0".getBytes(StandardCharsets.UTF_8));
                            binary(p, "user".getBytes(StandardCharsets.UTF_8));
                            binary(p, "ユーザー".getBytes(StandardCharsets.UTF_8));
                        });
        byte[] before = record.clone();

        BinaryText.toText(record, 0, record.length);

        assertThat(record).hasSameSizeAs(before);
        assertThat(decode(record).toJson()).isEqualTo("{\"id\":\"fd-0\",\"user\":\"ユーザー\"}");
        assertThat(decode(record).asMapValue().keySet()).allMatch(Value::isStringValue);
    }

    @Test
    void aValueThatIsNotUtf8StaysBinaryButItsKeyIsText() throws IOException {
        byte[] raw = {(byte) 0xff, (byte) 0xfe, 0, 1};
        byte[] record =
                Frames.pack(
                        p -> {
                            p.packMapHeader(1);
                            binary(p, "raw".getBytes(StandardCharsets.UTF_8));
                            binary(p, raw);
                        });

        BinaryText.toText(record, 0, record.length);

        Value value = decode(record).asMapValue().map().get(ValueFactory.newString("raw"));
        assertThat(value.isBinaryValue()).isTrue();
        assertThat(value.asBinaryValue().asByteArray()).isEqualTo(raw);
    }

    @Test
    void nestedMapsAndArraysAreWalkedAndOtherTypesLeftAlone() throws IOException {
        byte[] record =
                Frames.pack(
                        p -> {
                            p.packMapHeader(3);
                            binary(p, "nested".getBytes(StandardCharsets.UTF_8));
                            p.packMapHeader(1);
                            binary(p, "k".getBytes(StandardCharsets.UTF_8));
                            p.packArrayHeader(4);
                            binary(p, "a".getBytes(StandardCharsets.UTF_8));
                            p.packLong(0xc4c5c6L); // an integer whose bytes look like bin headers
                            p.packNil();
                            p.packExtensionTypeHeader((byte) 5, 2);
                            p.writePayload(new byte[] {(byte) 0xc4, 0});
                            p.packString("n");
                            p.packDouble(1.5);
                            binary(p, new byte[0]);
                            binary(p, new byte[0]);
                        });
        byte[] expected =
                Frames.pack(
                        p -> {
                            p.packMapHeader(3);
                            p.packString("nested");
                            p.packMapHeader(1);
                            p.packString("k");
                            p.packArrayHeader(4);
                            p.packString("a");
                            p.packLong(0xc4c5c6L);
                            p.packNil();
                            p.packExtensionTypeHeader((byte) 5, 2);
                            p.writePayload(new byte[] {(byte) 0xc4, 0});
                            p.packString("n");
                            p.packDouble(1.5);
                            p.packString("");
                            p.packString("");
                        });

        BinaryText.toText(record, 0, record.length);

        assertThat(decode(record)).isEqualTo(decode(expected));
    }

    @Test
    void deepNestingIsWalkedWithoutRecursion() throws IOException {
        int depth = 100_000;
        byte[] record = new byte[depth + 3];
        Arrays.fill(record, 0, depth, (byte) 0x91); // [[[...
        record[depth] = (byte) 0xc4;
        record[depth + 1] = 1;
        record[depth + 2] = 'x';

        BinaryText.toText(record, 0, record.length);

        assertThat(record[depth] & 0xff).isEqualTo(0xd9);
    }

    @Test
    void theRewriteIsDeterministicSoAResentChunkKeepsItsBytes() {
        byte[] entries =
                Frames.pack(
                        p -> {
                            p.packArrayHeader(2);
                            Frames.eventTime(p, Frames.T0);
                            p.packMapHeader(1);
                            binary(p, "id".getBytes(StandardCharsets.UTF_8));
                            binary(p, "fd-0".getBytes(StandardCharsets.UTF_8));
                        });
        byte[] first = entries.clone();
        byte[] second = entries.clone();
        EntryReader.readFromPeer(first, 0, first.length, (t, b, o, l) -> {});
        EntryReader.readFromPeer(second, 0, second.length, (t, b, o, l) -> {});
        byte[] again = first.clone();
        EntryReader.readFromPeer(again, 0, again.length, (t, b, o, l) -> {});

        assertThat(first).isEqualTo(second).isEqualTo(again).isNotEqualTo(entries);
    }

    private static void binary(MessagePacker p, byte[] bytes) throws IOException {
        p.packBinaryHeader(bytes.length);
        p.writePayload(bytes);
    }

    private static Value decode(byte[] msgpack) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(msgpack)) {
            return u.unpackValue();
        }
    }
}
