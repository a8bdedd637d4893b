package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The event time end to end, as a Fluent Bit or Fluentd sender sends it: beside each record, an
 * EventTime with nanoseconds; the records themselves hold no time. Through a running aggregator (forward
 * server, disk buffer, file output in Asia/Tokyo) into gzip JSON files, read back with DuckDB as a user
 * would: each record has its time, in the output's zone, in the dt= partition of that zone's date.
 */
class EventTimeEndToEndTest {
    @TempDir Path work;

    @Test
    void aForwardEventTimeWithNanosecondsReachesTheStoredRecordInTheOutputsZone() throws Exception {
        Path out = work.resolve("out");
        Files.writeString(
                work.resolve("aggregator.yaml"),
                """
                node: n1
                state_dir: "%s"
                listen: {bind: 127.0.0.1, port: 0}
                http: {enabled: false}
                buffer: {max_age: 100ms, late_wait: 0s}
                outputs:
                  local: {type: file, root: "%s", compression: gzip, time_zone: Asia/Tokyo}
                routes:
                  - match: "app.**"
                    outputs: [local]
                """
                        .formatted(work.resolve("state"), out));
        AggregatorConfig config =
                ConfigLoader.fromClasspath()
                        .load(work.resolve("aggregator.yaml"), AggregatorConfig.class);
        try (Aggregator aggregator =
                Aggregator.start(config, Clock.systemUTC(), new SplittableRandom(3))) {
            byte[] forward =
                    forwardMode(
                            "app.api",
                            "c-16",
                            1_597_371_754L,
                            123_456_789,
                            "camera2", // 2020-08-14T02:22:34.123456789Z
                            1_597_417_199L,
                            999_000_000,
                            "camera3", // 2020-08-14T14:59:59.999Z: 23:59:59.999 in Tokyo
                            1_597_417_200L,
                            0,
                            "camera4"); // 2020-08-14T15:00:00Z: the next day in Tokyo
            try (Socket socket = new Socket("127.0.0.1", aggregator.address().getPort())) {
                OutputStream o = socket.getOutputStream();
                o.write(forward);
                o.flush();
                MessageUnpacker ack = MessagePack.newDefaultUnpacker(socket.getInputStream());
                assertThat(ack.unpackMapHeader()).isEqualTo(1);
                assertThat(ack.unpackString() + "=" + ack.unpackString()).isEqualTo("ack=c-16");
            }
            awaitFiles(out.resolve("app.api"), 2);
        }

        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET autoinstall_known_extensions=false");
            ResultSet rs =
                    st.executeQuery(
                            "SELECT dt, camera_id, \"time\" FROM read_json('"
                                    + out.resolve("app.api")
                                    + "/dt=*/*.json.gz', hive_partitioning=true, columns={camera_id: 'VARCHAR', \"time\": 'VARCHAR'}) ORDER BY camera_id");
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        assertThat(rows)
                .containsExactly(
                        "2020-08-14 camera2 2020-08-14T11:22:34.123456789+09:00",
                        "2020-08-14 camera3 2020-08-14T23:59:59.999+09:00",
                        "2020-08-15 camera4 2020-08-15T00:00:00+09:00");
    }

    /**
     * A Forward-mode message {@code [tag, [[EventTime, {"camera_id": ...}], ...], {"chunk": id}]}, packed
     * by hand as a Fluent Bit sender does: EventTime is ext type 0, seconds and nanoseconds big-endian.
     */
    private static byte[] forwardMode(String tag, String chunk, Object... secondsNanosCamera)
            throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3).packString(tag).packArrayHeader(secondsNanosCamera.length / 3);
            for (int i = 0; i < secondsNanosCamera.length; i += 3) {
                byte[] time =
                        ByteBuffer.allocate(8)
                                .putInt((int) (long) (Long) secondsNanosCamera[i])
                                .putInt((Integer) secondsNanosCamera[i + 1])
                                .array();
                p.packArrayHeader(2).packExtensionTypeHeader((byte) 0, 8).writePayload(time);
                p.packMapHeader(1)
                        .packString("camera_id")
                        .packString((String) secondsNanosCamera[i + 2]);
            }
            p.packMapHeader(1).packString("chunk").packString(chunk);
            return p.toByteArray();
        }
    }

    /** Polls with a deadline until {@code count} files are in place under {@code dir} (temporary ones start with a dot). */
    private static void awaitFiles(Path dir, int count) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    if (s.filter(
                                            p ->
                                                    p.toString().endsWith(".json.gz")
                                                            && !p.getFileName()
                                                                    .toString()
                                                                    .startsWith("."))
                                    .count()
                            >= count) {
                        return;
                    }
                } catch (UncheckedIOException renamedMidWalk) {
                    // a temporary file renamed while the walk listed it: look again
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no " + count + " files under " + dir + " within 20 s");
    }
}
