package dev.hakobu.outputs.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.Output;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.conformance.TestChunks.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Events per second through one output writer against the local servers: story S2-shaped records
 * (8 fields, ~190 bytes as JSON) in chunks of 5,000. Run on demand, not in CI:
 * {@code mvn -o -pl outputs test -Dtest='*ThroughputTest' -Dhakobu.throughput=true} (see bench/results).
 */
public final class Throughput {
    private Throughput() {}

    public static Chunk s2Chunk(String id, int records) {
        List<Event> events = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("time", "2020-08-14T11:22:" + String.format("%02d", i % 60) + "+09:00");
            r.put("host", "192.0.2." + (i % 250));
            r.put("method", i % 5 == 0 ? "POST" : "GET");
            r.put("uri", "/api/locks/" + (i % 1000) + "/open");
            r.put("status", 200);
            r.put("size", 1000 + i % 5000);
            r.put("reqtime", (i % 1000) / 1000.0);
            r.put("ua", "okhttp/4.9");
            events.add(new Event(1_597_371_753_000_000_000L + i * 1_000_000L, r));
        }
        return TestChunks.chunk(id, "lock.access", events);
    }

    /** Writes {@code chunks} chunks (after one warm-up chunk) and returns events per second. */
    public static double measure(
            String label, Output out, int chunks, int perChunk, Function<Integer, String> ids) {
        List<Chunk> prepared = new ArrayList<>();
        for (int i = 0; i <= chunks; i++) {
            prepared.add(s2Chunk(ids.apply(i), perChunk));
        }
        assertThat(out.write(prepared.get(0))).isEqualTo(WriteResult.DELIVERED);
        long start = System.nanoTime();
        for (int i = 1; i <= chunks; i++) {
            assertThat(out.write(prepared.get(i))).isEqualTo(WriteResult.DELIVERED);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = chunks * (double) perChunk / seconds;
        String counters =
                out.counters()
                        .map(
                                c ->
                                        String.format(
                                                " (requests %d, records retried %d, %.1f MB sent)",
                                                c.requests.sum(),
                                                c.recordsRetried.sum(),
                                                c.bytesOut.sum() / 1e6))
                        .orElse("");
        System.out.printf(
                "THROUGHPUT %s: %d events in %.2f s = %.0f events/s%s%n",
                label, chunks * perChunk, seconds, rate, counters);
        return rate;
    }
}
