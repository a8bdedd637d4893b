package dev.hakobu.outputs.kinesis;

import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.JsonLinesEncoder;
import dev.hakobu.encoding.TagField;
import dev.hakobu.event.EntryReader;
import dev.hakobu.output.Chunk;
import dev.hakobu.outputs.deadletter.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * From a chunk to Kinesis data: one JSON line per record with the event time and the tag in it (see
 * {@link EventTimeField}, {@link TagField}), its partition key from the configured
 * field, and the records too large for Kinesis set aside as dead letters. Thread-safe.
 */
final class KinesisRecordBuilder {
    /** The records to send and the ones Kinesis can never take. */
    record Records(List<UserRecord> send, List<DeadLetter> tooLarge) {}

    private final Optional<String> partitionKeyField;
    private final Optional<EventTimeField> eventTime;
    private final Optional<String> tagKey;

    /** @param tagKey the field that gets the chunk's tag in every record, or empty */
    KinesisRecordBuilder(
            Optional<String> partitionKeyField,
            Optional<EventTimeField> eventTime,
            Optional<String> tagKey) {
        this.partitionKeyField = partitionKeyField;
        this.eventTime = eventTime;
        this.tagKey = tagKey;
    }

    /** @param skip indexes already delivered by an earlier try of this chunk */
    Records build(Chunk chunk, BitSet skip) {
        List<UserRecord> send = new ArrayList<>(chunk.count());
        List<DeadLetter> tooLarge = new ArrayList<>();
        ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        int[] index = {0};
        Optional<TagField> tag = tagKey.map(k -> new TagField(k, chunk.tag()));
        try (JsonLinesEncoder encoder = new JsonLinesEncoder(json, eventTime, tag)) {
            EntryReader.read(
                    chunk.entries(),
                    chunk.offset(),
                    chunk.length(),
                    (nanos, buf, off, len) -> {
                        int i = index[0]++;
                        if (skip.get(i)) {
                            return;
                        }
                        json.reset();
                        try {
                            encoder.write(nanos, buf, off, len);
                            encoder.flush();
                            String key =
                                    partitionKeyField.isEmpty()
                                            ? null
                                            : partitionKey(buf, off, len, partitionKeyField.get());
                            byte[] data = json.toByteArray();
                            long size =
                                    data.length
                                            + (key == null
                                                    ? 36
                                                    : key.getBytes(StandardCharsets.UTF_8).length);
                            if (size > KinesisLimits.MAX_RECORD_BYTES) {
                                tooLarge.add(
                                        new DeadLetter(
                                                i,
                                                nanos,
                                                Arrays.copyOfRange(buf, off, off + len),
                                                "record of "
                                                        + size
                                                        + " bytes with its partition key exceeds Kinesis's limit of "
                                                        + KinesisLimits.MAX_RECORD_BYTES
                                                        + " bytes"));
                            } else {
                                send.add(new UserRecord(i, key, data));
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return new Records(send, tooLarge);
    }

    /** The field's value as text (strings as they are, numbers and booleans printed), or null if absent or empty. */
    static String partitionKey(byte[] buf, int off, int len, String field) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off, len)) {
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                String key =
                        u.getNextFormat().getValueType() == ValueType.STRING
                                ? u.unpackString()
                                : null;
                if (key == null) {
                    u.skipValue();
                }
                if (!field.equals(key)) {
                    u.skipValue();
                    continue;
                }
                ValueType type = u.getNextFormat().getValueType();
                if (type == ValueType.NIL || type == ValueType.MAP || type == ValueType.ARRAY) {
                    return null;
                }
                String value =
                        type == ValueType.STRING ? u.unpackString() : u.unpackValue().toString();
                if (value.isEmpty()) {
                    return null;
                }
                return value.length() <= KinesisLimits.MAX_PARTITION_KEY_CHARS
                        ? value
                        : value.substring(0, KinesisLimits.MAX_PARTITION_KEY_CHARS);
            }
        }
        return null;
    }
}
