package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both roles as real processes through the built launcher: an agent tails a file while 100,000 lines
 * are appended; the aggregator writes dt= partitioned gzip files. Every line must arrive exactly once,
 * in the dt= folder of its event date in Asia/Tokyo (the lines straddle midnight there).
 */
class EndToEndIT {
    private static final int LINES = 100_000;
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern TS = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void everyAppendedLineArrivesExactlyOnceInItsTokyoDatePartition() throws Exception {
        int port = freePort();
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path out = work.resolve("out");
        Files.writeString(work.resolve("aggregator.yaml"), """
                node: it-node
                state_dir: "%s"
                listen: {bind: 127.0.0.1, port: %d}
                outputs:
                  local: {type: file, root: "%s", compression: gzip, time_zone: Asia/Tokyo}
                routes:
                  - {match: "app.**", outputs: [local]}
                """.formatted(work.resolve("aggregator-state"), port, out));
        Files.writeString(work.resolve("agent.yaml"), """
                state_dir: "%s"
                sources:
                  - paths: ["%s/*.log"]
                    tag: app.api
                    format: {type: json, time_key: timestamp}
                forward: {host: 127.0.0.1, port: %d}
                batch: {max_bytes: 256KiB, flush_interval: 200ms}
                """.formatted(work.resolve("state"), logs, port));

        processes.add(Launcher.builder(work, "aggregator", "aggregator", "--config", work.resolve("aggregator.yaml").toString()).start());
        awaitListening(port);
        processes.add(Launcher.builder(work, "agent", "agent", "--config", work.resolve("agent.yaml").toString()).start());

        // 23:59:00 JST plus one millisecond per line: the first 60,000 lines are on the 14th, the rest on the 15th
        OffsetDateTime start = OffsetDateTime.parse("2020-08-14T23:59:00+09:00");
        try (OutputStream log = Files.newOutputStream(logs.resolve("api.log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                String ts = start.plusNanos(i * 1_000_000L).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                batch.append("{\"timestamp\":\"").append(ts).append("\",\"seq\":").append(i)
                        .append(",\"camera_id\":\"camera").append(i % 7).append("\",\"api\":\"/image\"}\n");
                if (i % 5_000 == 4_999) {
                    log.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                    log.flush();
                    batch.setLength(0);
                }
            }
        }

        BitSet seen = new BitSet(LINES);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int[] result;
        do {
            Thread.sleep(250);
            result = scan(out, seen);
        } while (result[0] < LINES && System.nanoTime() < deadline);

        assertThat(result[1]).as("duplicated lines").isZero();
        assertThat(result[2]).as("lines in the wrong dt= folder").isZero();
        assertThat(result[0]).as("distinct lines delivered; agent log:\n" + tail(work.resolve("agent.err"))
                + "\naggregator log:\n" + tail(work.resolve("aggregator.err"))).isEqualTo(LINES);
        assertThat(out.resolve("app.api/dt=2020-08-14")).isDirectory();
        assertThat(out.resolve("app.api/dt=2020-08-15")).isDirectory();
    }

    /** @return {distinct lines, duplicates, misplaced} over every finished file under {@code out} */
    private static int[] scan(Path out, BitSet seen) throws IOException {
        seen.clear();
        int distinct = 0;
        int duplicates = 0;
        int misplaced = 0;
        if (!Files.isDirectory(out)) {
            return new int[] {0, 0, 0};
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json.gz") && !p.getFileName().toString().startsWith(".")).toList();
        }
        for (Path f : files) {
            String dt = f.getParent().getFileName().toString();
            String text;
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String line : text.split("\n")) {
                Matcher seq = SEQ.matcher(line);
                Matcher ts = TS.matcher(line);
                if (!seq.find() || !ts.find()) {
                    throw new AssertionError("unexpected line in " + f + ": " + line);
                }
                int i = Integer.parseInt(seq.group(1));
                if (seen.get(i)) {
                    duplicates++;
                } else {
                    seen.set(i);
                    distinct++;
                }
                LocalDate tokyo = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(ts.group(1))).atZone(ZoneId.of("Asia/Tokyo")).toLocalDate();
                if (!dt.equals("dt=" + tokyo)) {
                    misplaced++;
                }
            }
        }
        return new int[] {distinct, duplicates, misplaced};
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the aggregator did not listen on " + port + " within 30 s");
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
