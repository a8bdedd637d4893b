/**
 * The Output SPI: what every sink (file, S3, Elasticsearch, Kinesis, null) implements.
 *
 * <p>Contract: {@link dev.hakobu.output.Output#write} is called with one {@link dev.hakobu.output.Chunk}
 * at a time per worker and returns a {@link dev.hakobu.output.WriteResult}: {@code Delivered} only once
 * the sink holds the data durably (for the file output: written, fsynced and renamed into place). Expected
 * failures (a sink down, throttling) are results, never exceptions; an exception is a bug. A chunk may be
 * written more than once, always under the same id; each output states in its
 * {@link dev.hakobu.output.DeliveryGuarantee} what the sink then holds. Every output answers
 * {@link dev.hakobu.output.Output#health()} and may publish {@link dev.hakobu.output.OutputCounters}.
 */
package dev.hakobu.output;
