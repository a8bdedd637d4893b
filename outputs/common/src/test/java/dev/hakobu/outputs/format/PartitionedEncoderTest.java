package dev.hakobu.outputs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.output.Chunk;
import dev.hakobu.outputs.conformance.TestChunks;
import dev.hakobu.outputs.conformance.TestChunks.Event;
import dev.hakobu.outputs.key.KeyTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The encoding seam as a columnar format will use it: every record of an object first, then a finish. */
class PartitionedEncoderTest {
    private static final long DAY = 86_400_000_000_000L;
    private static final KeyTemplate TEMPLATE =
            KeyTemplate.parse("${tag}/dt=%Y-%m-%d/${node}-${chunk_id}", ZoneOffset.UTC);
    private final HoldingEncoding held = new HoldingEncoding();
    private final Map<String, ByteArrayOutputStream> objects = new LinkedHashMap<>();

    private static Chunk twoDays() {
        return TestChunks.chunk(
                "c1",
                "app",
                List.of(
                        new Event(0, Map.of("a", 1)),
                        new Event(DAY, Map.of("a", 2)),
                        new Event(1, Map.of("a", 3))));
    }

    private ByteArrayOutputStream open(String key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        objects.put(key, out);
        return out;
    }

    @Test
    void
            anEncodingThatCompressesItselfSeesEveryRecordOfItsObjectThenFinishesItUncompressedByTheOutput()
                    throws IOException {
        PartitionedEncoder encoder =
                new PartitionedEncoder(
                        TEMPLATE, new ObjectFormat(held, Compression.GZIP, 5, Optional.empty()));

        Map<String, Integer> written = encoder.encode(twoDays(), "n1", this::open);

        assertThat(written)
                .containsExactly(
                        Map.entry("app/dt=1970-01-01/n1-c1.held", 2),
                        Map.entry("app/dt=1970-01-02/n1-c1.held", 1));
        assertThat(objects.get("app/dt=1970-01-01/n1-c1.held").toString(StandardCharsets.UTF_8))
                .isEqualTo("2 records, gzip level 5\n");
        assertThat(objects.get("app/dt=1970-01-02/n1-c1.held").toString(StandardCharsets.UTF_8))
                .isEqualTo("1 records, gzip level 5\n");
        assertThat(held.events).containsExactly("closed", "closed");
    }

    @Test
    void aFailureHalfWayAbandonsTheObjectsInsteadOfFinishingThem() {
        PartitionedEncoder encoder =
                new PartitionedEncoder(
                        TEMPLATE, new ObjectFormat(held, Compression.NONE, 0, Optional.empty()));

        assertThatThrownBy(
                        () ->
                                encoder.encode(
                                        twoDays(),
                                        "n1",
                                        key -> {
                                            if (!objects.isEmpty()) {
                                                throw new IOException("disk full");
                                            }
                                            return open(key);
                                        }))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");

        assertThat(held.events).containsExactly("abandoned with 1 held");
    }
}
