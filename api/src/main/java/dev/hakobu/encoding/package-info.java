/**
 * How records are written at rest. A {@link dev.hakobu.encoding.RecordEncoding} names a format and opens a
 * {@link dev.hakobu.encoding.RecordWriter} per object; outputs select one by name through
 * {@link dev.hakobu.encoding.RecordEncodings} and add compression around it unless the format compresses
 * itself. JSON lines ({@link dev.hakobu.encoding.JsonLinesEncoding}, what Athena's JSON SerDe reads) is
 * registered here; other formats register in their own modules.
 *
 * <p>Contract: a writer gets records as msgpack bytes with their event time, valid only during the call,
 * and the object is complete only when its {@code close} returns.
 */
package dev.hakobu.encoding;
