package dev.hakobu.outputs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.encoding.JsonLinesEncoding;
import dev.hakobu.encoding.RecordEncodings;
import dev.hakobu.encoding.RecordWriter;
import dev.hakobu.outputs.conformance.TestChunks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ObjectFormatTest {
    @Test
    void jsonKeepsTheExtensionsObjectsHadBefore() {
        assertThat(ObjectFormat.of("json", Compression.GZIP, 0, Optional.empty()).extension())
                .isEqualTo(".json.gz");
        assertThat(ObjectFormat.of("json", Compression.ZSTD, 0, Optional.empty()).extension())
                .isEqualTo(".json.zst");
        assertThat(ObjectFormat.of("json", Compression.NONE, 0, Optional.empty()).extension())
                .isEqualTo(".json");
        assertThat(ObjectFormat.of("json", Compression.GZIP, 0, Optional.empty()).contentType())
                .isEqualTo("application/x-ndjson");
    }

    @Test
    void anEncodingThatCompressesItselfGetsNeitherTheCodecNorItsExtension() {
        ObjectFormat format =
                new ObjectFormat(new HoldingEncoding(), Compression.ZSTD, 7, Optional.empty());

        assertThat(format.extension()).isEqualTo(".held");
    }

    @Test
    void theOutputCompressesWhatAnOrdinaryEncodingWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] record = TestChunks.pack(Map.of("a", 1));
        try (RecordWriter writer =
                ObjectFormat.of("json", Compression.GZIP, 0, Optional.empty()).open(out)) {
            writer.write(0, record, 0, record.length);
        }

        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"a\":1}\n");
        }
    }

    @Test
    void snappyIsOnlyForAnEncodingThatCompressesItself() {
        assertThatThrownBy(() -> ObjectFormat.encoding("json", Compression.SNAPPY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "compression: snappy is only for format: parquet (format is json); use gzip or zstd");
        assertThat(ObjectFormat.encoding("json", Compression.ZSTD).name()).isEqualTo("json");
    }

    @Test
    void anUnknownFormatIsAConfigErrorOnTheFormatKeyListingTheKnownOnes() {
        assertThatThrownBy(() -> ObjectFormat.of("parquet", Compression.GZIP, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "format: no encoding named 'parquet'; known: "
                                + String.join(", ", RecordEncodings.names()))
                .hasMessageContaining(JsonLinesEncoding.NAME);
    }
}
