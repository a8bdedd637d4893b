package dev.hakobu.bench;

import dev.hakobu.agent.parse.JsonParserConfig;
import dev.hakobu.agent.parse.LineParser;
import dev.hakobu.agent.parse.RecordBuilder;
import dev.hakobu.event.ChunkIds;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.ForwardClient;
import dev.hakobu.forward.ForwardClientConfig;
import dev.hakobu.forward.ForwardServer;
import dev.hakobu.forward.ForwardServerConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@link ForwardClient} -> one {@link ForwardServer} on loopback, in one JVM: PackedForward chunks of
 * parsed JSON lines (~200 bytes each as text), zstd, acks on. Reports events/s and CPU-seconds per million
 * events for each end, from per-thread CPU time ({@link ThreadMXBean}): the server is its Netty event loop
 * threads (decode: frame scan, zstd inflate, entry count; the sink acks at once), the client is the sending
 * thread (frame encode and zstd) plus its node and ack-reader threads. Line parsing is done before the
 * clock starts (see ParseBenchmark for it). GC and JIT threads are not Java threads and belong to neither
 * end; the process CPU is printed too, to show how much they add.
 *
 * <p>Usage: {@code java -cp ... dev.hakobu.bench.ForwardLoopback [events] [events-per-chunk]}.
 */
public final class ForwardLoopback {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ForwardLoopback() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int perChunk = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        byte[][][] chunks = chunks(perChunk);
        AtomicLong received = new AtomicLong();
        try (ForwardServer server =
                        ForwardServer.start(
                                ForwardServerConfig.defaults("127.0.0.1", 0),
                                request -> {
                                    received.addAndGet(request.count());
                                    return CompletableFuture.<Void>completedFuture(null);
                                });
                ForwardClient client =
                        ForwardClient.open(
                                ForwardClientConfig.defaults(
                                                "127.0.0.1", server.localAddress().getPort())
                                        .withSending(ForwardClientConfig.Compression.ZSTD, 8),
                                new SplittableRandom(1))) {
            run(client, chunks, perChunk, Math.max(perChunk, events / 5)); // warm-up, not measured
            long warm = received.get();
            Map<Long, long[]> before = cpuByThread();
            long processBefore = processCpuNanos();
            long start = System.nanoTime();
            int sent = run(client, chunks, perChunk, events);
            long wall = System.nanoTime() - start;
            Map<Long, long[]> after = cpuByThread();
            long process = processCpuNanos() - processBefore;
            long[] cpu = split(before, after);
            if (received.get() - warm != sent) {
                throw new IllegalStateException(
                        "server counted " + (received.get() - warm) + " events, sent " + sent);
            }
            double seconds = wall / 1e9;
            double millions = sent / 1e6;
            System.out.printf(
                    "events: %,d in chunks of %,d (%,d chunks), wall %.2f s%n",
                    sent, perChunk, sent / perChunk, seconds);
            System.out.printf("throughput: %,.0f events/s end to end (acked)%n", sent / seconds);
            System.out.printf(
                    "server CPU: %.2f s = %.3f CPU-s per million events -> %,.0f events/s per core%n",
                    cpu[0] / 1e9, cpu[0] / 1e9 / millions, millions * 1e6 / (cpu[0] / 1e9));
            System.out.printf(
                    "client CPU: %.2f s = %.3f CPU-s per million events -> %,.0f events/s per core%n",
                    cpu[1] / 1e9, cpu[1] / 1e9 / millions, millions * 1e6 / (cpu[1] / 1e9));
            System.out.printf(
                    "process CPU (incl. GC, JIT): %.2f s = %.3f CPU-s per million events%n",
                    process / 1e9, process / 1e9 / millions);
        }
    }

    /** Sends whole chunks until {@code events} are acked; returns the events sent. */
    private static int run(ForwardClient client, byte[][][] chunks, int perChunk, int events)
            throws Exception {
        SplittableRandom ids = new SplittableRandom(events);
        ArrayDeque<CompletableFuture<Void>> pending = new ArrayDeque<>();
        int sent = 0;
        for (int i = 0; sent < events; i++) {
            byte[][] chunk = chunks[i % chunks.length];
            pending.add(
                    client.send(
                            "app.api",
                            chunk[0],
                            0,
                            chunk[0].length,
                            perChunk,
                            ChunkIds.newId(ids)));
            sent += perChunk;
            while (pending.size() > 16) {
                pending.poll().get(60, TimeUnit.SECONDS);
            }
        }
        for (CompletionStage<Void> acked : pending) {
            acked.toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        return sent;
    }

    /** Distinct chunk payloads: 20,000 sample JSON lines parsed into PackedForward entries. */
    private static byte[][][] chunks(int perChunk) {
        byte[][] lines = SampleLines.json(20_000, 42);
        LineParser parser =
                new JsonParserConfig(Optional.of("timestamp"), "iso8601", ZoneId.of("UTC")).build();
        RecordBuilder record = new RecordBuilder();
        int n = Math.max(1, lines.length / perChunk);
        byte[][][] chunks = new byte[n][][];
        long textBytes = 0;
        for (int c = 0; c < n; c++) {
            EntryWriter writer = new EntryWriter(perChunk * 256);
            for (int i = 0; i < perChunk; i++) {
                byte[] line = lines[(c * perChunk + i) % lines.length];
                textBytes += line.length;
                parser.parse(line, 0, line.length, 1_597_371_753_000_000_000L, record);
                writer.add(
                        record.eventNanos(),
                        record.array(),
                        record.start(),
                        record.end() - record.start());
            }
            chunks[c] = new byte[][] {java.util.Arrays.copyOf(writer.array(), writer.size())};
        }
        System.out.printf(
                "sample: %d distinct chunks, %.0f bytes per line as text, %.0f bytes per entry as msgpack%n",
                n, textBytes / (double) (n * perChunk), chunks[0][0].length / (double) perChunk);
        return chunks;
    }

    private static Map<Long, long[]> cpuByThread() {
        Map<Long, long[]> cpu = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long t = THREADS.getThreadCpuTime(info.getThreadId());
                String name = info.getThreadName();
                int side =
                        name.startsWith("multiThreadIoEventLoopGroup")
                                ? 0
                                : name.startsWith("hakobu-forward") || name.equals("main") ? 1 : 2;
                cpu.put(info.getThreadId(), new long[] {side, Math.max(0, t)});
            }
        }
        return cpu;
    }

    /** CPU nanoseconds used between the snapshots by {server, client, other} threads. */
    private static long[] split(Map<Long, long[]> before, Map<Long, long[]> after) {
        long[] sums = new long[3];
        after.forEach(
                (id, a) -> {
                    long[] b = before.get(id);
                    sums[(int) a[0]] += a[1] - (b == null ? 0 : b[1]);
                });
        return sums;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
