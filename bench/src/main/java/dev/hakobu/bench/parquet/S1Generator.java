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
                p.clear();
                SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
                long nanos = START_NANOS + i * 2_592_000_000L; // 1M records over 30 days
                String api = APIS[r.nextInt(APIS.length)];
                boolean post = api.equals("/setting") || api.equals("/share");
                p.packMapHeader(7);
                p.packString("timestamp").packString(iso(nanos));
                p.packString("camera_id").packString("camera" + r.nextInt(5000));
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
                byte[] record = p.toByteArray();
                entries.add(nanos, record, 0, record.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Chunk("c" + from, "s1.api", entries.array(), 0, entries.size(), entries.count());
    }

    private static String iso(long nanos) {
        return java.time.Instant.ofEpochSecond(0, nanos)
                .atOffset(java.time.ZoneOffset.ofHours(9))
                .toString();
    }
}
