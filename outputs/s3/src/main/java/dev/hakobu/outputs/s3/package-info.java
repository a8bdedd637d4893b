/**
 * The S3 output: date-partitioned, compressed JSON-lines objects for Athena.
 *
 * <p>Contract: {@code write} returns Delivered only after every object of the chunk was stored
 * (PutObject, or a completed multipart upload). Keys are a pure function of tag, node, buffer chunk id
 * and event time, so a retry, or a restart after a write that succeeded, writes the same keys again
 * and never a second object; no HEAD or LIST is issued per write. A failed multipart upload is aborted;
 * one a crash cut off is aborted by the next run, at its first write ({@link dev.hakobu.outputs.s3.OpenUploads}).
 * Which failures are retried is decided in one place, {@link dev.hakobu.outputs.s3.S3ErrorClassifier}; the
 * ones that mean the configuration is wrong are retried too (nothing is dropped before the buffer's
 * max_retry_time), and reported as the output's health and one ERROR line a minute. With {@code manifest:},
 * a write records its objects in {@link dev.hakobu.outputs.s3.ManifestLog} (an fsync shared with the other
 * writers) and never waits for a manifest's upload.
 */
package dev.hakobu.outputs.s3;
