/**
 * The file output: the same layout the S3 output writes, on a local disk.
 *
 * <p>Contract: {@code write} returns Delivered only after every part of the chunk is written to a
 * temporary file, fsynced, renamed onto its final name and the directory fsynced. The final name is a
 * pure function of tag, node, chunk id and event time, so a repeated chunk replaces its own files.
 */
package dev.hakobu.outputs.file;
