package dev.hakobu.bench.parquet;

import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Story S1's API-log records (camera ids, users, APIs, masked parameters), deterministic from the record's
 * index: record i is the same in every run and every candidate. Made one chunk at a time so the heap a
 * candidate uses is not hidden under the whole data set.
 */
final class S1Generator {
    static final long START_NANOS = 1_596_240_000L * 1_000_000_000L; // 2020-08-01T00:00:00Z
    private static final String[] APIS = {
        "/image", "/image", "/image", "/live", "/live", "/setting", "/events", "/share"
    };
    private static final String[] UAS = {"chrome", "safari", "firefox", "ios-app", "android-app"};

    private S1Generator() {}

    /** Records {@code from} (inclusive) to {@code to} (exclusive) as one chunk. */
    static Chunk chunk(int from, int to) {
        EntryWriter entries = new EntryWriter((to - from) * 160);
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            for (int i = from; i < to; i++) {
                long nanos = START_NANOS + i * 2_592_000_000L; // 1M records over 30 days
                byte[] record = pack(p, i, nanos, 5000);
                entries.add(nanos, record, 0, record.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Chunk("c" + from, "s1.api", entries.array(), 0, entries.size(), entries.count());
    }

    /**
     * Record {@code i} as msgpack, its fields drawn from a generator seeded by {@code i} alone: the camera
     * is {@code "camera" + n}, n uniform below {@code cameras}.
     */
    static byte[] pack(MessageBufferPacker p, long i, long nanos, int cameras) throws IOException {
        p.clear();
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        String api = APIS[r.nextInt(APIS.length)];
        boolean post = api.equals("/setting") || api.equals("/share");
        p.packMapHeader(7);
        p.packString("timestamp").packString(iso(nanos));
        p.packString("camera_id").packString("camera" + r.nextInt(cameras));
        p.packString("api").packString(api);
        p.packString("method").packString(post ? "POST" : "GET");
        p.packString("parameter");
        if (post) {
            p.packString(r.nextBoolean() ? "name=cam" + r.nextInt(100) : "token=****");
        } else {
            p.packNil();
        }
        p.packString("user").packString("user" + r.nextInt(20000));
        p.packString("ua").packString(UAS[r.nextInt(UAS.length)]);
        return p.toByteArray();
    }

    /** The camera of record {@code i}, as {@link #pack} draws it (the api's draw comes first). */
    static String camera(long i, int cameras) {
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        r.nextInt(APIS.length);
        return "camera" + r.nextInt(cameras);
    }

    private static String iso(long nanos) {
        return java.time.Instant.ofEpochSecond(0, nanos)
                .atOffset(java.time.ZoneOffset.ofHours(9))
                .toString();
    }
}
