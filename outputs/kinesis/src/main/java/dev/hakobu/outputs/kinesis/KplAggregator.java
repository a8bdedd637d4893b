package dev.hakobu.outputs.kinesis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Packs user records into KPL aggregated records, the format the Kinesis Client Library de-aggregates:
 * magic {@code F3 89 9A C2}, a protobuf {@code AggregatedRecord}, and the MD5 of that protobuf.
 *
 * <pre>
 * message AggregatedRecord { repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
 *                            repeated Record records = 3; }
 * message Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
 *                  required bytes data = 3; }
 * </pre>
 *
 * Records with the same partition key go into the same aggregates, in order, so they keep landing on
 * one shard; records with random keys share aggregates under one random key. An aggregate of a single
 * record is sent as that plain record. Stateless; thread-safe.
 */
final class KplAggregator {
    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int OVERHEAD = MAGIC.length + 16;
    private final int maxBytes;

    KplAggregator(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** @param randomKey supplies a partition key for records without one */
    List<KinesisEntry> pack(List<UserRecord> records, Supplier<String> randomKey) {
        Map<String, List<UserRecord>> groups = new LinkedHashMap<>();
        for (UserRecord r : records) {
            groups.computeIfAbsent(
                            r.partitionKey() == null ? "" : r.partitionKey(),
                            k -> new ArrayList<>())
                    .add(r);
        }
        List<KinesisEntry> entries = new ArrayList<>();
        groups.forEach(
                (key, group) -> {
                    List<UserRecord> open = new ArrayList<>();
                    long size = 0;
                    String pk = key.isEmpty() ? randomKey.get() : key;
                    for (UserRecord r : group) {
                        long add = recordSize(r.data().length);
                        if (!open.isEmpty() && OVERHEAD + tableSize(pk) + size + add > maxBytes) {
                            entries.add(entry(pk, open));
                            open = new ArrayList<>();
                            size = 0;
                            pk = key.isEmpty() ? randomKey.get() : key;
                        }
                        open.add(r);
                        size += add;
                    }
                    entries.add(entry(pk, open));
                });
        return entries;
    }

    private static KinesisEntry entry(String pk, List<UserRecord> records) {
        int[] sources = records.stream().mapToInt(UserRecord::index).toArray();
        if (records.size() == 1) {
            return new KinesisEntry(pk, records.get(0).data(), sources);
        }
        ByteArrayOutputStream proto = new ByteArrayOutputStream();
        byte[] key = pk.getBytes(StandardCharsets.UTF_8);
        proto.write(0x0A);
        varint(proto, key.length);
        proto.writeBytes(key);
        for (UserRecord r : records) {
            proto.write(0x1A);
            varint(proto, recordBody(r.data().length));
            proto.write(0x08);
            proto.write(0);
            proto.write(0x1A);
            varint(proto, r.data().length);
            proto.writeBytes(r.data());
        }
        byte[] body = proto.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + OVERHEAD);
        out.writeBytes(MAGIC);
        out.writeBytes(body);
        out.writeBytes(md5(body));
        return new KinesisEntry(pk, out.toByteArray(), sources);
    }

    /** A Record message: partition_key_index 0 (2 bytes) and data (tag, length, bytes). */
    private static int recordBody(int dataLength) {
        return 2 + 1 + varintSize(dataLength) + dataLength;
    }

    private static long recordSize(int dataLength) {
        int body = recordBody(dataLength);
        return 1 + varintSize(body) + body;
    }

    private static long tableSize(String pk) {
        int n = pk.getBytes(StandardCharsets.UTF_8).length;
        return 1 + varintSize(n) + n + n;
    }

    static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
