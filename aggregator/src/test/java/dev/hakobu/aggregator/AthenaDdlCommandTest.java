package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.runtime.HakobuMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AthenaDdlCommandTest {
    @TempDir Path work;

    private String run(String eventTime) throws Exception {
        Files.writeString(
                work.resolve("aggregator.yaml"),
                """
                listen: {port: 0}
                outputs:
                  archive: {type: s3, bucket: hakobu-logs, time_zone: Asia/Tokyo%s}
                routes:
                  - {match: "app.**", outputs: [archive]}
                """
                        .formatted(eventTime));
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(
                            HakobuMain.run(
                                    "athena-ddl",
                                    "--config",
                                    work.resolve("aggregator.yaml").toString(),
                                    "--tag",
                                    "app.api",
                                    "--column",
                                    "camera_id:string"))
                    .isZero();
        } finally {
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theTableHasTheEventTimeColumnTheOutputWrites() throws Exception {
        assertThat(run("")).contains("  `camera_id` string,\n  `time` string\n)");
        assertThat(run(", event_time: {key: ts, format: epoch_millis}"))
                .contains("  `camera_id` string,\n  `ts` bigint\n)");
        assertThat(run(", event_time: {enabled: false}")).contains("(\n  `camera_id` string\n)");
    }
}
