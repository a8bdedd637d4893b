package dev.hakobu.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordEncodingsTest {
    @Test
    void findsJsonLinesOnTheClasspath() {
        assertThat(RecordEncodings.names()).contains("json");
        assertThat(RecordEncodings.find("json").name()).isEqualTo("json");
    }

    @Test
    void anUnknownNameIsRefusedWithTheNamesThatAreKnown() {
        assertThatThrownBy(() -> RecordEncodings.find("parquet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "no encoding named 'parquet'; known: "
                                + String.join(", ", RecordEncodings.names()));
    }

    @Test
    void twoEncodingsWithOneNameAreRefusedNamingBothClasses() {
        assertThatThrownBy(
                        () ->
                                RecordEncodings.index(
                                        List.of(new JsonLinesEncoding(), new AnotherJson())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'json'")
                .hasMessageContaining(JsonLinesEncoding.class.getName())
                .hasMessageContaining(AnotherJson.class.getName());
    }

    private static final class AnotherJson implements RecordEncoding {
        @Override
        public String name() {
            return "json";
        }

        @Override
        public String extension() {
            return ".ndjson";
        }

        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public RecordWriter open(OutputStream out, EncodingContext context) {
            throw new UnsupportedOperationException();
        }
    }
}
