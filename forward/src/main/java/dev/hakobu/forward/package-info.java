/**
 * Fluentd Forward protocol v1: codec, server and client.
 *
 * <p>Contracts:
 * <ul>
 *   <li>Every mode (Message, Forward, PackedForward, CompressedPackedForward with gzip or zstd) decodes to a
 *       {@link dev.hakobu.forward.ForwardRequest} in PackedForward form: the client's
 *       {@code [time, record]} bytes back to back, a counted number of entries, and the chunk id if any.</li>
 *   <li>{@link dev.hakobu.forward.ForwardDecoder} is per channel. It refuses a frame as soon as a header
 *       shows it is larger than {@code max_frame_bytes}, stops inflating at {@code max_decompressed_bytes},
 *       and signals malformed input with {@link dev.hakobu.forward.ForwardProtocolException}; the
 *       server then closes that connection only.</li>
 *   <li>{@link dev.hakobu.forward.ForwardServer} acks a chunk only after the
 *       {@link dev.hakobu.forward.ForwardSink}'s stage completed normally, i.e. once the data is
 *       durable in the next stage. A failed stage means no ack and a closed connection, so the client
 *       resends. A connection stops being read while it has {@code max_pending_per_connection} requests
 *       in the sink.</li>
 *   <li>{@link dev.hakobu.forward.ForwardClient} owns retries across a cluster: a chunk goes to a healthy
 *       node by weight (standby nodes only while no regular node is healthy); when its node fails it is
 *       resent with the same id on another node, never retried forever on a dead one; its future completes on
 *       the ack and is only ever cancelled (on close). Chunks are written in send order per node; across
 *       nodes there is no order. The server side is expected to drop chunks it already stored, recognised
 *       by chunk id: after a failover the same chunk may have reached two aggregators. Each server gets
 *       chunks in its own compression (a chunk that fails over to a server with another one is compressed
 *       again); a server that closes the connection on a compressed chunk without acking it is named in one
 *       rate-limited WARN ({@link dev.hakobu.forward.CompressedCloseWarning}).</li>
 *   <li>Handshake and TLS are optional on both sides and byte-compatible with Fluentd
 *       ({@link dev.hakobu.forward.Handshake}); a refused handshake closes that connection only, and the
 *       client treats it like any failed connect (node down, probed with backoff).</li>
 *   <li>What peers send as text arrives as text: msgpack {@code bin} (Fluentd's {@code in_tail} packs keys and values
 *       so) becomes {@code str} in the decoder, keys always and values when they are UTF-8; other binary stays
 *       {@code bin}, written as base64 by the JSON outputs ({@link dev.hakobu.event.BinaryText}). Every stage
 *       after the decoder sees one representation. A tag may arrive as str or bin.</li>
 *   <li>A frame whose tag breaks {@link dev.hakobu.forward.TagRule} (control characters, {@code /}, empty parts,
 *       over 255 bytes) never reaches the sink: it is acked (a resend could never succeed), counted and logged
 *       escaped ({@link dev.hakobu.event.LogSafe}); the connection and its other frames go on.</li>
 *   <li>Entry-level problems stay entry-level: an entry whose time is well-formed but no time (another ext, NaN,
 *       0, before 1970 or after 2106) is stored with the arrival time and a {@code _time_error} field
 *       ({@link dev.hakobu.event.EntryRepair}); only bytes that are not msgpack refuse the frame.</li>
 *   <li>Times are epoch nanoseconds; {@link dev.hakobu.event.EntryWriter} always writes EventTime,
 *       {@link dev.hakobu.event.EntryReader} reads EventTime, integer and float times.</li>
 * </ul>
 */
package dev.hakobu.forward;
