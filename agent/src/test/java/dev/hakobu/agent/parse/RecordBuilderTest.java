package dev.hakobu.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** The builder's own encoders must write exactly what msgpack-java's packer writes. */
class RecordBuilderTest {

    @Test
    void directlyEncodedScalarsAndStringsMatchMsgpackJava() throws IOException {
        long[] longs = {
            0,
            1,
            -1,
            31,
            -32,
            -33,
            127,
            128,
            255,
            256,
            -128,
            -129,
            65535,
            65536,
            -32768,
            -32769,
            Integer.MAX_VALUE,
            1L << 32,
            Integer.MIN_VALUE,
            Integer.MIN_VALUE - 1L,
            Long.MAX_VALUE,
            Long.MIN_VALUE
        };
        int[] stringLengths = {0, 1, 31, 32, 255, 256, 65535, 65536};
        RecordBuilder record = new RecordBuilder();
        record.begin(0);
        MessageBufferPacker expected = MessagePack.newDefaultBufferPacker();
        expected.packMapHeader(longs.length + 2 * stringLengths.length + 4);
        for (long v : longs) {
            record.rawKey(new byte[] {'k'}, 0, 1);
            record.packLong(v);
            expected.packString("k").packLong(v);
        }
        for (int n : stringLengths) {
            byte[] s = "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
            record.key(new String(s, StandardCharsets.US_ASCII));
            record.rawString(s, 0, n);
            char[] chars = new String(s, StandardCharsets.US_ASCII).toCharArray();
            record.rawKey(s, 0, n);
            record.chars(chars, 0, n);
            expected.packString(new String(s, StandardCharsets.US_ASCII))
                    .packString(new String(s, StandardCharsets.US_ASCII));
            expected.packString(new String(s, StandardCharsets.US_ASCII))
                    .packString(new String(s, StandardCharsets.US_ASCII));
        }
        record.key("d");
        record.packDouble(-0.5);
        record.key("t");
        record.packBoolean(true);
        record.key("n");
        record.packNil();
        record.key("mixed");
        record.packer().packInt(7); // the packer's bytes come before the next direct write
        expected.packString("d")
                .packDouble(-0.5)
                .packString("t")
                .packBoolean(true)
                .packString("n")
                .packNil()
                .packString("mixed")
                .packInt(7);
        record.finish();
        assertThat(Arrays.copyOfRange(record.array(), record.start(), record.end()))
                .isEqualTo(expected.toByteArray());
    }
}
