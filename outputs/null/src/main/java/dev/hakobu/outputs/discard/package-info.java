/**
 * The null output ({@code type: null}, Fluentd's {@code out_null}): counts the records of each chunk and
 * drops them, so the aggregator can be measured (ingest, buffer, delivery) without a sink in the way. The
 * package is not named {@code null}, a Java keyword.
 *
 * <p>Contract: {@code write} returns Delivered at once and stores nothing; the buffer then deletes the
 * chunk as it would after any delivery. Its guarantee is {@link dev.hakobu.output.DeliveryGuarantee#DISCARDED}.
 *
 * <p>It is also the smallest complete output, the one to copy: a config record that is the factory, the
 * output, and one {@link dev.hakobu.config.ConfigTypes} listed in
 * {@code META-INF/services/dev.hakobu.config.ConfigTypes}, found by the aggregator at run time.
 */
package dev.hakobu.outputs.discard;
