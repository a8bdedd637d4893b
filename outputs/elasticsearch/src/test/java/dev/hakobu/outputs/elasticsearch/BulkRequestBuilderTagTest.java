package dev.hakobu.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.Chunk;
import dev.hakobu.outputs.conformance.TestChunks;
import dev.hakobu.outputs.conformance.TestChunks.Event;
import dev.hakobu.outputs.key.KeyTemplate;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code tag_key:} puts the chunk's tag in every document; without it documents are as before. */
class BulkRequestBuilderTagTest {
    private static final Chunk CHUNK =
            TestChunks.chunk(
                    "c1",
                    "photo.upload",
                    List.of(new Event(1_597_371_754_000_000_000L, Map.of("host", "a"))));

    private static String source(Optional<String> tagKey) {
        return new String(
                new BulkRequestBuilder(
                                KeyTemplate.parse("logs", ZoneId.of("UTC")),
                                Optional.empty(),
                                tagKey,
                                "n1",
                                new DeclaredFields(Map.of()))
                        .items(CHUNK)
                        .get(0)
                        .source(),
                StandardCharsets.UTF_8);
    }

    @Test
    void withATagKeyEveryDocumentCarriesTheTag() {
        assertThat(source(Optional.of("log_type")))
                .isEqualTo("{\"host\":\"a\",\"log_type\":\"photo.upload\"}\n");
    }

    @Test
    void withoutOneDocumentsAreAsBefore() {
        assertThat(source(Optional.empty())).isEqualTo("{\"host\":\"a\"}\n");
    }
}
