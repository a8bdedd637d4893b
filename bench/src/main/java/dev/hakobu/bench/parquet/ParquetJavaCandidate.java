package dev.hakobu.bench.parquet;

import dev.hakobu.encoding.EncodingContext;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.EventTimeFormat;
import dev.hakobu.encoding.RecordWriter;
import dev.hakobu.event.EntryReader;
import dev.hakobu.output.Chunk;
import dev.hakobu.outputs.parquet.ParquetEncoding;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.Optional;

/** parquet-java (parquet-hadoop 1.18.2, no Hadoop) through the {@code parquet} encoding, zstd. */
final class ParquetJavaCandidate implements ParquetChoiceBench.Candidate {
    private final ParquetEncoding encoding = new ParquetEncoding();
    private final EncodingContext context =
            new EncodingContext(
                    Optional.of(
                            new EventTimeField(
                                    "time", EventTimeFormat.ISO8601, ZoneOffset.UTC, false)),
                    "zstd",
                    0);

    @Override
    public void encode(Chunk chunk, OutputStream out) throws IOException {
        try (RecordWriter writer = encoding.open(out, context)) {
            EntryReader.parse(
                    chunk.entries(),
                    chunk.offset(),
                    chunk.length(),
                    (nanos, buf, off, limit) -> {
                        try {
                            return writer.write(nanos, buf, off, limit - off);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }
}
