package dev.hakobu.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** The event time in the records the encoder writes: where it goes, and that its key appears once. */
class JsonLinesEncoderEventTimeTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** 2020-08-14T02:22:34.123456789Z */
    private static final long T = 1_597_371_754_123_456_789L;

    private static final String TOKYO_T = "\"2020-08-14T11:22:34.123456789+09:00\"";
    private static final EventTimeField KEEP =
            new EventTimeField("time", EventTimeFormat.ISO8601, TOKYO, false);
    private static final EventTimeField REPLACE =
            new EventTimeField("time", EventTimeFormat.ISO8601, TOKYO, true);

    private static String encode(EventTimeField field, byte[] record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesEncoder encoder = new JsonLinesEncoder(out, Optional.of(field))) {
            encoder.write(T, record, 0, record.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static MessageBufferPacker packer() {
        return MessagePack.newDefaultBufferPacker();
    }

    @Test
    void aRecordWithoutTheKeyGetsTheEventTimeAsItsLastField() throws IOException {
        MessageBufferPacker p = packer();
        p.packMapHeader(2)
                .packString("camera_id")
                .packString("camera2")
                .packString("api")
                .packString("/setting");
        assertThat(encode(KEEP, p.toByteArray()))
                .isEqualTo(
                        "{\"camera_id\":\"camera2\",\"api\":\"/setting\",\"time\":"
                                + TOKYO_T
                                + "}\n");
    }

    @Test
    void anEmptyRecordGetsOnlyTheEventTime() throws IOException {
        MessageBufferPacker p = packer();
        p.packMapHeader(0);
        assertThat(encode(KEEP, p.toByteArray())).isEqualTo("{\"time\":" + TOKYO_T + "}\n");
    }

    @Test
    void aRecordThatHasTheKeyKeepsItsOwnValueByDefault() throws IOException {
        MessageBufferPacker p = packer();
        p.packMapHeader(2).packString("time").packString("yesterday").packString("a").packInt(1);
        assertThat(encode(KEEP, p.toByteArray())).isEqualTo("{\"time\":\"yesterday\",\"a\":1}\n");
    }

    @Test
    void withOverwriteTheRecordsValueIsReplacedInPlaceNotDuplicated() throws IOException {
        MessageBufferPacker p = packer();
        p.packMapHeader(3)
                .packString("a")
                .packInt(1)
                .packString("time")
                .packMapHeader(1)
                .packString("nested")
                .packArrayHeader(2)
                .packInt(1)
                .packString("x")
                .packString("b")
                .packBoolean(true);
        assertThat(encode(REPLACE, p.toByteArray()))
                .isEqualTo("{\"a\":1,\"time\":" + TOKYO_T + ",\"b\":true}\n");
    }

    @Test
    void onlyTheTopLevelCountsAndOnlyMapsGetTheField() throws IOException {
        MessageBufferPacker nested = packer();
        nested.packMapHeader(1).packString("inner").packMapHeader(1).packString("time").packInt(5);
        assertThat(encode(REPLACE, nested.toByteArray()))
                .isEqualTo("{\"inner\":{\"time\":5},\"time\":" + TOKYO_T + "}\n");
        MessageBufferPacker array = packer();
        array.packArrayHeader(1).packString("time");
        assertThat(encode(KEEP, array.toByteArray())).isEqualTo("[\"time\"]\n");
        MessageBufferPacker text = packer();
        text.packString("plain");
        assertThat(encode(KEEP, text.toByteArray())).isEqualTo("\"plain\"\n");
    }

    @Test
    void aNonStringKeyThatPrintsAsTheNameCountsAsTheField() throws IOException {
        EventTimeField one = new EventTimeField("1", EventTimeFormat.EPOCH_SECONDS, TOKYO, false);
        MessageBufferPacker p = packer();
        p.packMapHeader(1).packInt(1).packString("one");
        assertThat(encode(one, p.toByteArray())).isEqualTo("{\"1\":\"one\"}\n");
    }

    @Test
    void aKeyThatNeedsEscapingIsWrittenEscapedAndStillFound() throws IOException {
        EventTimeField quoted =
                new EventTimeField("t\"ime", EventTimeFormat.EPOCH_MILLIS, TOKYO, true);
        MessageBufferPacker absent = packer();
        absent.packMapHeader(0);
        assertThat(encode(quoted, absent.toByteArray()))
                .isEqualTo("{\"t\\\"ime\":1597371754123}\n");
        MessageBufferPacker present = packer();
        present.packMapHeader(1).packString("t\"ime").packNil();
        assertThat(encode(quoted, present.toByteArray()))
                .isEqualTo("{\"t\\\"ime\":1597371754123}\n");
    }

    @Test
    void aRecordOfMoreThanFifteenFieldsGetsTheFieldToo() throws IOException {
        MessageBufferPacker p = packer();
        p.packMapHeader(20);
        StringBuilder expected = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            p.packString("k" + i).packInt(i);
            expected.append("\"k").append(i).append("\":").append(i).append(',');
        }
        assertThat(encode(KEEP, p.toByteArray()))
                .isEqualTo(expected + "\"time\":" + TOKYO_T + "}\n");
    }

    @Test
    void writingWithoutATimeOrWithoutAFieldLeavesRecordsAsTheyAre() throws IOException {
        MessageBufferPacker p = packer();
        p.packMapHeader(1).packString("a").packInt(1);
        byte[] record = p.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesEncoder withField = new JsonLinesEncoder(out, Optional.of(KEEP));
                JsonLinesEncoder without = new JsonLinesEncoder(out)) {
            withField.write(record, 0, record.length);
            withField.flush();
            without.write(T, record, 0, record.length);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"a\":1}\n");
    }

    @Test
    void aTruncatedRecordIsRefusedWithNothingOfItWritten() throws IOException {
        MessageBufferPacker p = packer();
        p.packMapHeader(2).packString("time").packString("cut short").packString("b").packInt(2);
        byte[] record = p.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesEncoder encoder = new JsonLinesEncoder(out, Optional.of(REPLACE))) {
            assertThatThrownBy(() -> encoder.write(T, record, 0, record.length - 6))
                    .isInstanceOf(IOException.class);
            encoder.write(T, record, 0, record.length);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"time\":" + TOKYO_T + ",\"b\":2}\n");
    }

    @Test
    void randomRecordsNeverCarryTheKeyTwiceAndHoldTheRightValue() throws IOException {
        ObjectMapper strict = new ObjectMapper();
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        SplittableRandom random = new SplittableRandom(16);
        String[] names = {"time", "a", "b", "timestamp", "tim", "times"};
        for (int i = 0; i < 2_000; i++) {
            int n = random.nextInt(6);
            MessageBufferPacker p = packer();
            p.packMapHeader(n);
            boolean has = false;
            for (int k = 0; k < n; k++) {
                // the first field is sometimes "time" (or close to it); values may hold a nested
                // "time"
                String name = k == 0 ? names[random.nextInt(names.length)] : "f" + k;
                has |= name.equals("time");
                p.packString(name);
                if (random.nextBoolean()) {
                    p.packMapHeader(1).packString("time").packInt(k);
                } else {
                    p.packString("own");
                }
            }
            byte[] record = p.toByteArray();
            for (EventTimeField field : new EventTimeField[] {KEEP, REPLACE}) {
                JsonNode node = strict.readTree(encode(field, record));
                assertThat(node.size()).isEqualTo(has ? n : n + 1);
                JsonNode time = node.get("time");
                if (has && !field.overwrite()) {
                    assertThat(
                                    time.isTextual()
                                            && time.asText()
                                                    .equals("2020-08-14T11:22:34.123456789+09:00"))
                            .as(node.toString())
                            .isFalse();
                } else {
                    assertThat(time.asText())
                            .as(node.toString())
                            .isEqualTo("2020-08-14T11:22:34.123456789+09:00");
                }
            }
        }
    }
}
