package dev.hakobu.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** The tag in the records the encoder writes (an output's tag_key): where it goes, and that it wins. */
class JsonLinesEncoderTagTest {
    /** 2020-08-14T02:22:34Z */
    private static final long T = 1_597_371_754_000_000_000L;

    private static final EventTimeField TIME =
            new EventTimeField("time", EventTimeFormat.ISO8601, ZoneId.of("UTC"), false);
    private static final TagField TAG = new TagField("tag", "photo.\"upload\"");

    private static String encode(
            Optional<EventTimeField> time, Optional<TagField> tag, byte[] record)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesEncoder encoder = new JsonLinesEncoder(out, time, tag)) {
            encoder.write(T, record, 0, record.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] map(String... kv) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(kv.length / 2);
        for (String s : kv) {
            p.packString(s);
        }
        return p.toByteArray();
    }

    @Test
    void theTagComesLastAfterTheEventTimeEscapedAsJson() throws IOException {
        assertThat(encode(Optional.of(TIME), Optional.of(TAG), map("a", "1")))
                .isEqualTo(
                        "{\"a\":\"1\",\"time\":\"2020-08-14T02:22:34Z\",\"tag\":\"photo.\\\"upload\\\"\"}\n");
    }

    @Test
    void withoutAnEventTimeOnlyTheTagIsAdded() throws IOException {
        assertThat(encode(Optional.empty(), Optional.of(TAG), map("a", "1")))
                .isEqualTo("{\"a\":\"1\",\"tag\":\"photo.\\\"upload\\\"\"}\n");
        assertThat(encode(Optional.empty(), Optional.of(TAG), map()))
                .isEqualTo("{\"tag\":\"photo.\\\"upload\\\"\"}\n");
    }

    @Test
    void theTagReplacesTheRecordsOwnFieldInPlace() throws IOException {
        assertThat(encode(Optional.of(TIME), Optional.of(TAG), map("tag", "mine", "b", "2")))
                .isEqualTo(
                        "{\"tag\":\"photo.\\\"upload\\\"\",\"b\":\"2\",\"time\":\"2020-08-14T02:22:34Z\"}\n");
    }

    @Test
    void aTagKeyNamedLikeTheEventTimeKeyWinsAndAppearsOnce() throws IOException {
        TagField tagAsTime = new TagField("time", "x");
        assertThat(encode(Optional.of(TIME), Optional.of(tagAsTime), map("a", "1")))
                .isEqualTo("{\"a\":\"1\",\"time\":\"x\"}\n");
        assertThat(encode(Optional.of(TIME), Optional.of(tagAsTime), map("time", "own")))
                .isEqualTo("{\"time\":\"x\"}\n");
    }

    @Test
    void withoutATagTheRecordIsUnchanged() throws IOException {
        assertThat(encode(Optional.empty(), Optional.empty(), map("tag", "mine")))
                .isEqualTo("{\"tag\":\"mine\"}\n");
    }
}
