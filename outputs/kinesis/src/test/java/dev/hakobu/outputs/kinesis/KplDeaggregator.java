package dev.hakobu.outputs.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The consumer side of KPL aggregation, written from the format description (as the KCL reads it):
 * a record that starts with the magic and ends with the MD5 of the protobuf between is unpacked; any
 * other record is a plain user record. Each sub-record's hash key is its entry in the explicit hash key
 * table when it names one, else the MD5 of its partition key; the KCL drops sub-records whose hash key is
 * outside the shard it reads ({@link #inShard}).
 */
final class KplDeaggregator {
    /** One user record with its own partition key and the hash key the KCL computes for it. */
    record UserRecord(String partitionKey, BigInteger hashKey, byte[] data) {
        UserRecord(String partitionKey, byte[] data) {
            this(partitionKey, ShardMap.hashKey(partitionKey), data);
        }
    }

    /** The KCL's filter: a sub-record is kept only by a reader of the shard its hash key falls in. */
    static boolean inShard(UserRecord r, ShardMap.Range shard) {
        return r.hashKey().compareTo(shard.start()) >= 0 && r.hashKey().compareTo(shard.end()) <= 0;
    }

    private KplDeaggregator() {}

    static boolean isAggregated(byte[] data) throws Exception {
        if (data.length < 20 || !Arrays.equals(data, 0, 4, KplAggregator.MAGIC, 0, 4)) {
            return false;
        }
        byte[] digest =
                MessageDigest.getInstance("MD5")
                        .digest(Arrays.copyOfRange(data, 4, data.length - 16));
        return Arrays.equals(digest, Arrays.copyOfRange(data, data.length - 16, data.length));
    }

    static List<UserRecord> unpack(String partitionKey, byte[] data) throws Exception {
        if (!isAggregated(data)) {
            return List.of(new UserRecord(partitionKey, data));
        }
        List<String> keys = new ArrayList<>();
        List<String> hashKeys = new ArrayList<>();
        List<long[]> records = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        int[] pos = {4};
        int end = data.length - 16;
        while (pos[0] < end) {
            long tag = varint(data, pos);
            int length = (int) varint(data, pos);
            int start = pos[0];
            pos[0] += length;
            switch ((int) (tag >>> 3)) {
                case 1 -> keys.add(new String(data, start, length, StandardCharsets.UTF_8));
                case 2 -> hashKeys.add(new String(data, start, length, StandardCharsets.UTF_8));
                case 3 -> {
                    long keyIndex = -1;
                    long hashKeyIndex = -1;
                    byte[] payload = null;
                    int[] p = {start};
                    while (p[0] < start + length) {
                        long t = varint(data, p);
                        if ((t & 7) == 0) {
                            long v = varint(data, p);
                            if (t >>> 3 == 1) {
                                keyIndex = v;
                            } else if (t >>> 3 == 2) {
                                hashKeyIndex = v;
                            }
                        } else {
                            int n = (int) varint(data, p);
                            if (t >>> 3 == 3) {
                                payload = Arrays.copyOfRange(data, p[0], p[0] + n);
                            }
                            p[0] += n;
                        }
                    }
                    records.add(new long[] {keyIndex, hashKeyIndex});
                    payloads.add(payload);
                }
                default -> {}
            }
        }
        List<UserRecord> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String key = keys.get((int) records.get(i)[0]);
            long hashKeyIndex = records.get(i)[1];
            out.add(
                    hashKeyIndex < 0
                            ? new UserRecord(key, payloads.get(i))
                            : new UserRecord(
                                    key,
                                    new BigInteger(hashKeys.get((int) hashKeyIndex)),
                                    payloads.get(i)));
        }
        return out;
    }

    private static long varint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }
}
