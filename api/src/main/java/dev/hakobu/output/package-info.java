/**
 * The Output SPI: what every sink (file, S3, Elasticsearch, Kinesis) implements.
 *
 * <p>Contract: {@link dev.hakobu.output.Output#write} is called with one {@link dev.hakobu.output.Chunk}
 * at a time per worker and returns a {@link dev.hakobu.output.WriteResult}: {@code Delivered} only once
 * the sink holds the data durably (for the file output: written, fsynced and renamed into place). Expected
 * failures (a sink down, throttling) are results, never exceptions; an exception is a bug. Writing the
 * same chunk twice must not duplicate data: keys and ids derive from the chunk id.
 */
package dev.hakobu.output;
