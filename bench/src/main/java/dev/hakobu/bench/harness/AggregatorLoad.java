package dev.hakobu.bench.harness;

import dev.hakobu.agent.parse.JsonParserConfig;
import dev.hakobu.agent.parse.LineParser;
import dev.hakobu.agent.parse.RecordBuilder;
import dev.hakobu.bench.SampleLines;
import dev.hakobu.event.ChunkIds;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.ForwardClient;
import dev.hakobu.forward.ForwardClientConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forward in -> mask (3 rules) -> route -> disk buffer -> one output, in an aggregator process started
 * through the built launcher; the load comes from this JVM over loopback (zstd, acks on). Prints one
 * Markdown row: output, events, seconds, events/s from the first send until the output delivered every
 * event, sustained delivered events/s ({@link DeliveryWatch}), events/s until the last ack, the
 * aggregator's CPU seconds per million events, and its peak RSS in MiB.
 *
 * <p>Usage: {@code AggregatorLoad DIST OUTPUT EVENTS [S3PROXY_JAR]}, OUTPUT one of file-gzip, file-zstd,
 * file-parquet, s3-zstd, s3-gzip, s3-parquet, s3-parquet-gzip, discard ({@code -parquet}: {@code format:
 * parquet} with zstd inside, issue 21). With {@code -Dwarmup=N}, N events go through the same aggregator first and
 * the measurement starts after they were delivered: the steady state of a long-running aggregator, without
 * the JIT compiler's start-up work (about 2 CPU-seconds, a quarter of a 3M-event cold run). The load
 * comes from {@link ReplayClient} (frames compressed once, up front); {@code -Dclient=forward} uses a
 * {@code ForwardClient} that compresses every chunk, as an agent does, at ~0.4 CPU-s per million events
 * taken from the same two cores. With {@code -Dmanifest=true} an S3 output also writes Redshift manifests
 * ({@code manifest: {window: 1m}}), to compare with the same run without them.
 */
public final class AggregatorLoad {
    /** One client, so one kept-alive connection, for the whole run. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final int CHUNK_EVENTS = 5_000;
    private static final Pattern DELIVERED =
            Pattern.compile(
                    "(?m)^hakobu_output_delivered_events_total\\{output=\"out\"} ([0-9.E]+)$");

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args[0]);
        String output = args[1];
        int events = Integer.parseInt(args[2]);
        Path work = Files.createTempDirectory("hakobu-load");
        int port = Ports.free();
        int httpPort = Ports.free();
        S3Proxy s3 =
                output.startsWith("s3")
                        ? S3Proxy.start(Path.of(args[3]), work.resolve("s3"))
                        : null;
        Files.writeString(
                work.resolve("aggregator.yaml"), config(output, work, port, httpPort, s3));
        Process aggregator =
                new ProcessBuilder(
                                dist.resolve("bin/hakobu").toString(),
                                "aggregator",
                                "--config",
                                work.resolve("aggregator.yaml").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("aggregator.log").toFile())
                        .start();
        try {
            Ports.await(port);
            List<byte[]> chunks = chunks();
            ForwardClientConfig cc =
                    ForwardClientConfig.defaults("127.0.0.1", port)
                            .withSending(ForwardClientConfig.Compression.ZSTD, 8);
            long warmup = rounded(Long.getLong("warmup", 0));
            if (warmup > 0) {
                send(cc, chunks, warmup, 1_000_000_000);
                awaitDelivered(httpPort, warmup);
            }
            ProcStats before = ProcStats.of(aggregator.pid());
            long target = rounded(events);
            double sustained;
            long start = System.nanoTime();
            long acked;
            try (DeliveryWatch watch = new DeliveryWatch(() -> deliveredOrZero(httpPort))) {
                send(cc, chunks, events, 0);
                acked = System.nanoTime();
                awaitDelivered(httpPort, warmup + target);
                Thread.sleep(50);
                sustained = watch.sustainedRate(warmup, target);
            }
            long done = System.nanoTime();
            ProcStats after = ProcStats.of(aggregator.pid());
            double seconds = (done - start) / 1e9;
            double cpu = after.cpuSeconds() - before.cpuSeconds();
            System.out.printf(
                    "| %s | %,d | %.2f | %,.0f | %,.0f | %,.0f | %.2f | %d |%n",
                    output + (Boolean.getBoolean("manifest") ? " +manifest" : ""),
                    target,
                    seconds,
                    target / seconds,
                    sustained,
                    target / ((acked - start) / 1e9),
                    cpu / (target / 1e6),
                    after.peakRssKib() / 1024);
        } finally {
            aggregator.destroy();
            aggregator.waitFor();
            if (s3 != null) {
                s3.close();
            }
        }
    }

    private static long rounded(long events) {
        return (long) Math.ceil(events / (double) CHUNK_EVENTS) * CHUNK_EVENTS;
    }

    /** Sends {@code events} (rounded up to whole chunks) and waits for every ack; chunk ids from {@code firstSeed}. */
    private static void send(
            ForwardClientConfig cc, List<byte[]> chunks, long events, int firstSeed)
            throws Exception {
        if (!"forward".equals(System.getProperty("client", "replay"))) {
            replay(cc.servers().get(0).port(), chunks, events, firstSeed);
            return;
        }
        try (ForwardClient client = ForwardClient.open(cc, new SecureRandom())) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (long sent = 0; sent < events; sent += CHUNK_EVENTS) {
                int i = firstSeed + (int) (sent / CHUNK_EVENTS);
                byte[] chunk = chunks.get(i % chunks.size());
                acks.add(
                        client.send(
                                "app.api",
                                chunk,
                                0,
                                chunk.length,
                                CHUNK_EVENTS,
                                ChunkIds.newId(new SplittableRandom(i))));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }
    }

    private static void replay(int port, List<byte[]> chunks, long events, int firstSeed)
            throws Exception {
        List<ReplayClient.Frame> frames = ReplayClient.frames("app.api", chunks, CHUNK_EVENTS);
        try (ReplayClient client = new ReplayClient(port, 8)) {
            for (long sent = 0; sent < events; sent += CHUNK_EVENTS) {
                long i = firstSeed + sent / CHUNK_EVENTS;
                client.send(frames.get((int) (i % frames.size())), i);
            }
            client.awaitAcks();
        }
    }

    private static void awaitDelivered(int httpPort, long total) throws Exception {
        while (delivered(httpPort) < total) {
            Thread.sleep(20);
        }
    }

    /** 40 distinct chunks of 5,000 story-S1 events, cycled: chunk ids differ, so nothing is deduped. */
    private static List<byte[]> chunks() {
        LineParser parser =
                new JsonParserConfig(Optional.of("timestamp"), "iso8601", ZoneId.of("UTC")).build();
        RecordBuilder record = new RecordBuilder();
        List<byte[]> chunks = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            EntryWriter entries = new EntryWriter(CHUNK_EVENTS * 200);
            for (byte[] line : SampleLines.json(CHUNK_EVENTS, c)) {
                parser.parse(line, 0, line.length, 0, record);
                entries.add(
                        record.eventNanos(),
                        record.array(),
                        record.start(),
                        record.end() - record.start());
            }
            chunks.add(java.util.Arrays.copyOf(entries.array(), entries.size()));
        }
        return chunks;
    }

    private static String config(String output, Path work, int port, int httpPort, S3Proxy s3) {
        String out =
                switch (output) {
                    case "file-gzip", "file-zstd", "file-parquet" ->
                            "{type: file, root: \""
                                    + work.resolve("out")
                                    + "\", "
                                    + format(output)
                                    + "}";
                    case "s3-zstd", "s3-gzip", "s3-parquet", "s3-parquet-gzip" ->
                            "{type: s3, bucket: hakobu-bench, endpoint: \""
                                    + s3.endpoint()
                                    + "\", path_style: true, "
                                    + format(output)
                                    + ", credentials: {access_key_id: "
                                    + S3Proxy.IDENTITY
                                    + ", secret_access_key: "
                                    + S3Proxy.CREDENTIAL
                                    + "}"
                                    + (Boolean.getBoolean("manifest")
                                            ? ", manifest: {window: 1m}"
                                            : "")
                                    + "}";
                    case "discard" -> "{type: file, root: \"/dev/null/unused\"}";
                    default -> throw new IllegalArgumentException("unknown output " + output);
                };
        return """
                node: bench
                state_dir: "%s"
                listen: {bind: 127.0.0.1, port: %d}
                http: {bind: 127.0.0.1, port: %d}
                workers: 2
                outputs:
                  out: %s
                %s
                buffer: {chunk_bytes: 16MiB, max_age: 2s, late_wait: 200ms, total_bytes: 4GiB}
                delivery: {workers_per_output: %d}
                """
                .formatted(
                        work.resolve("state"),
                        port,
                        httpPort,
                        out,
                        MaskedRoute.YAML,
                        Integer.getInteger("outputWorkers", 2));
    }

    /**
     * The output's {@code format:} and {@code compression:} from its harness name: {@code -parquet} is
     * Parquet with zstd inside, {@code -parquet-gzip} Parquet with gzip, otherwise JSON lines compressed
     * by the name's last part. The environment's {@code HARNESS_PARQUET={...}} adds a {@code parquet:} section
     * to the Parquet ones (e.g. {@code {sort_by: [camera_id]}}).
     */
    private static String format(String output) {
        String parquet = System.getenv().getOrDefault("HARNESS_PARQUET", "");
        String section = parquet.isEmpty() ? "" : ", parquet: " + parquet;
        if (output.endsWith("-parquet")) {
            return "format: parquet, compression: zstd" + section;
        }
        if (output.endsWith("-parquet-gzip")) {
            return "format: parquet, compression: gzip" + section;
        }
        return "compression: " + output.substring(output.lastIndexOf('-') + 1);
    }

    private static long deliveredOrZero(int httpPort) {
        try {
            return delivered(httpPort);
        } catch (Exception e) {
            return 0;
        }
    }

    private static long delivered(int httpPort) throws Exception {
        String body =
                HTTP.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + httpPort
                                                                + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        Matcher m = DELIVERED.matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }
}
