package dev.hakobu.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** {@code format: json} through the encoding seam writes exactly what the encoder wrote before it. */
class JsonLinesEncodingTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void isRegisteredAsJsonWithTheExtensionAndContentTypeObjectsHadBefore() {
        RecordEncoding json = RecordEncodings.find("json");

        assertThat(json).isInstanceOf(JsonLinesEncoding.class);
        assertThat(json.extension()).isEqualTo(".json");
        assertThat(json.contentType()).isEqualTo("application/x-ndjson");
        assertThat(json.compressesItself()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "keep", "overwrite", "epoch_millis"})
    void writesTheSameBytesAsTheEncoderDirectly(String eventTime) throws IOException {
        Optional<EventTimeField> field =
                switch (eventTime) {
                    case "keep" ->
                            Optional.of(
                                    new EventTimeField(
                                            "time", EventTimeFormat.ISO8601, TOKYO, false));
                    case "overwrite" ->
                            Optional.of(
                                    new EventTimeField(
                                            "time", EventTimeFormat.ISO8601, TOKYO, true));
                    case "epoch_millis" ->
                            Optional.of(
                                    new EventTimeField(
                                            "ts", EventTimeFormat.EPOCH_MILLIS, TOKYO, false));
                    default -> Optional.empty();
                };
        SplittableRandom random = new SplittableRandom(20200814);
        List<byte[]> records = new ArrayList<>();
        long[] times = new long[2_000];
        for (int i = 0; i < times.length; i++) {
            records.add(randomRecord(random));
            times[i] = 1_597_371_754_123_456_789L + random.nextLong(1_000_000_000_000L);
        }

        ByteArrayOutputStream before = new ByteArrayOutputStream();
        try (JsonLinesEncoder encoder = new JsonLinesEncoder(before, field)) {
            for (int i = 0; i < times.length; i++) {
                encoder.write(times[i], records.get(i), 0, records.get(i).length);
            }
        }
        ByteArrayOutputStream after = new ByteArrayOutputStream();
        try (RecordWriter writer =
                new JsonLinesEncoding().open(after, new EncodingContext(field, "gzip", 0))) {
            for (int i = 0; i < times.length; i++) {
                byte[] record = records.get(i);
                assertThat(writer.write(times[i], record, 0, record.length))
                        .isEqualTo(record.length);
            }
        }

        assertThat(after.size())
                .as("enough to cross the encoder's block size")
                .isGreaterThan(JsonLinesEncoder.BLOCK);
        assertThat(after.toByteArray()).isEqualTo(before.toByteArray());
    }

    private static byte[] randomRecord(SplittableRandom random) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        int n = random.nextInt(5);
        p.packMapHeader(n + 1).packString("time").packString("record's own");
        for (int k = 0; k < n; k++) {
            JsonLinesEncoderTest.key(p, random);
            JsonLinesEncoderTest.value(p, random, 0);
        }
        return p.toByteArray();
    }
}
