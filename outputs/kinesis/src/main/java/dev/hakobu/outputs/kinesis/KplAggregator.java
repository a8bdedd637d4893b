package dev.hakobu.outputs.kinesis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Grouped by shard, as the KPL does: with the stream's {@link ShardMap}, records whose partition keys
 * hash (MD5, {@link ShardMap#hashKey}) into the same shard share aggregates, each key once in the
 * aggregate's key table, and the aggregate is put with the first record's hash key as its explicit hash
 * key, so it lands on that shard and the KCL, which drops sub-records outside the shard it reads, keeps
 * them all. Records keep their order within a shard, so one key's records stay in order. Without a map,
 * only records with the same partition key share aggregates. Records without a key share aggregates under
 * one random key each. An aggregate of a single record is sent as that plain record. Stateless;
 * thread-safe.
 */
final class KplAggregator {
    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int OVERHEAD = MAGIC.length + 16;
    private final int maxBytes;

    KplAggregator(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param shards    the stream's shards, or empty to pack only records with the same partition key
     * @param randomKey supplies a partition key for records without one
     */
    List<KinesisEntry> pack(
            List<UserRecord> records, Optional<ShardMap> shards, Supplier<String> randomKey) {
        Map<String, List<UserRecord>> groups = new LinkedHashMap<>();
        List<UserRecord> unkeyed = new ArrayList<>();
        for (UserRecord r : records) {
            if (r.partitionKey() == null) {
                unkeyed.add(r);
                continue;
            }
            String group =
                    shards.isPresent()
                            ? shards.get().shardFor(ShardMap.hashKey(r.partitionKey())).shardId()
                            : r.partitionKey();
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(r);
        }
        List<KinesisEntry> entries = new ArrayList<>();
        groups.forEach(
                (group, members) -> {
                    String shardId = shards.isPresent() ? group : null;
                    Aggregate open = new Aggregate(null);
                    for (UserRecord r : members) {
                        if (!open.isEmpty() && !open.fits(r.partitionKey(), r.data().length)) {
                            entries.add(open.entry(shardId));
                            open = new Aggregate(null);
                        }
                        open.add(r.partitionKey(), r);
                    }
                    entries.add(open.entry(shardId));
                });
        if (!unkeyed.isEmpty()) {
            Aggregate open = new Aggregate(randomKey.get());
            for (UserRecord r : unkeyed) {
                if (!open.isEmpty() && !open.fits(open.fixedKey, r.data().length)) {
                    entries.add(open.entry(null));
                    open = new Aggregate(randomKey.get());
                }
                open.add(open.fixedKey, r);
            }
            entries.add(open.entry(null));
        }
        return entries;
    }

    /** One aggregated record being filled: its key table and records, and its size once encoded. */
    private final class Aggregate {
        final String fixedKey;
        final Map<String, Integer> keys = new LinkedHashMap<>();
        final List<UserRecord> records = new ArrayList<>();
        final List<Integer> keyIndexes = new ArrayList<>();

        /** Magic, MD5 and the entry's partition key, counted once the first key is known. */
        long size = OVERHEAD;

        Aggregate(String fixedKey) {
            this.fixedKey = fixedKey;
        }

        boolean isEmpty() {
            return records.isEmpty();
        }

        boolean fits(String key, int dataLength) {
            return size + added(key, dataLength) <= maxBytes;
        }

        private long added(String key, int dataLength) {
            Integer index = keys.get(key);
            long keyEntry = 0;
            if (index == null) {
                index = keys.size();
                keyEntry = stringField(key);
            }
            long outerKey = keys.isEmpty() ? utf8Length(key) : 0;
            return keyEntry + outerKey + recordSize(index, dataLength);
        }

        void add(String key, UserRecord r) {
            size += added(key, r.data().length);
            keyIndexes.add(keys.computeIfAbsent(key, k -> keys.size()));
            records.add(r);
        }

        KinesisEntry entry(String shardId) {
            String pk = keys.keySet().iterator().next();
            String hashKey = shardId == null ? null : ShardMap.hashKey(pk).toString();
            int[] sources = records.stream().mapToInt(UserRecord::index).toArray();
            if (records.size() == 1) {
                return new KinesisEntry(pk, hashKey, shardId, records.get(0).data(), sources);
            }
            ByteArrayOutputStream proto = new ByteArrayOutputStream((int) size);
            for (String key : keys.keySet()) {
                byte[] k = key.getBytes(StandardCharsets.UTF_8);
                proto.write(0x0A);
                varint(proto, k.length);
                proto.writeBytes(k);
            }
            for (int i = 0; i < records.size(); i++) {
                byte[] data = records.get(i).data();
                int index = keyIndexes.get(i);
                proto.write(0x1A);
                varint(proto, recordBody(index, data.length));
                proto.write(0x08);
                varint(proto, index);
                proto.write(0x1A);
                varint(proto, data.length);
                proto.writeBytes(data);
            }
            byte[] body = proto.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + OVERHEAD);
            out.writeBytes(MAGIC);
            out.writeBytes(body);
            out.writeBytes(md5(body));
            return new KinesisEntry(pk, hashKey, shardId, out.toByteArray(), sources);
        }
    }

    /** A Record message: partition_key_index and data (tag, length, bytes). */
    private static int recordBody(int keyIndex, int dataLength) {
        return 1 + varintSize(keyIndex) + 1 + varintSize(dataLength) + dataLength;
    }

    private static long recordSize(int keyIndex, int dataLength) {
        int body = recordBody(keyIndex, dataLength);
        return 1 + varintSize(body) + body;
    }

    private static long stringField(String s) {
        int n = utf8Length(s);
        return 1 + varintSize(n) + n;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
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
