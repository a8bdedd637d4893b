package dev.hakobu.outputs.elasticsearch;

/**
 * One document of a chunk, ready for a bulk request.
 *
 * @param index  position of the record in its chunk (0-based)
 * @param target the index or data stream it goes to
 * @param id     {@code <chunk id>-<index>}: the same on every try, so a resent document answers 409
 * @param source the document as JSON
 */
record BulkItem(
        int index,
        long epochNanos,
        int recordOffset,
        int recordLength,
        String target,
        String id,
        byte[] source) {}
