package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hakobu.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story S4 through the launcher: user actions are kept whole, byte for byte, and partitioned by their own
 * event date. The agent tails {@code src-test-data/s4/actions.log} with {@code keep_original: message} and
 * {@code actions.raw} as raw lines timed by {@code time_pointer: /ts}; the aggregator's file output (Asia/Tokyo)
 * must hold each line's {@code message} equal to the line, under the {@code dt=} of its {@code ts}, which is
 * never the ingestion date.
 */
class StoryS4IT {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path work;

    @Test
    void eachStoredMessageIsTheLineByteForByteUnderItsEventDate() throws Exception {
        List<String> json = lines("s4/actions.log");
        List<String> raw = lines("s4/actions.raw");
        try (Roles roles = new Roles(work)) {
            configureS4Sources(roles);
            roles.startAggregator();
            roles.startAgent();
            Files.write(roles.logs.resolve("actions.log"), bytes("s4/actions.log"));
            Files.write(roles.logs.resolve("actions.raw"), bytes("s4/actions.raw"));

            Map<Integer, Stored> stored = await(roles, json.size() + raw.size());

            assertThat(stored).as(roles.logsTail()).hasSize(json.size() + raw.size());
            for (String line : json) {
                assertKeptWhole(stored, line, "app.s4");
            }
            for (String line : raw) {
                assertKeptWhole(stored, line, "app.raw");
            }
            // the parsed fields are there too, next to the line (S4 queries them)
            assertThat(stored.get(1).record().get("action").asText()).isEqualTo("click");
            assertThat(stored.get(1).record().has("_time_parse_error")).isFalse();
            assertThat(fieldNames(stored.get(101).record()))
                    .as("a raw record: the line, and the event time the file output adds")
                    .containsExactly("message", "time");
        }
    }

    private static void assertKeptWhole(Map<Integer, Stored> stored, String line, String tag)
            throws IOException {
        JsonNode input = JSON.readTree(line);
        Stored s = stored.get(input.get("id").asInt());
        assertThat(s).as("stored record for " + line).isNotNull();
        assertThat(s.record().get("message").asText().getBytes(StandardCharsets.UTF_8))
                .as("message of id " + input.get("id"))
                .isEqualTo(line.getBytes(StandardCharsets.UTF_8));
        LocalDate eventDate =
                OffsetDateTime.parse(input.get("ts").asText())
                        .atZoneSameInstant(TOKYO)
                        .toLocalDate();
        assertThat(s.file().getParent().getFileName().toString()).isEqualTo("dt=" + eventDate);
        assertThat(OffsetDateTime.parse(s.record().get("time").asText()).toInstant())
                .as("event time of id " + input.get("id"))
                .isEqualTo(OffsetDateTime.parse(input.get("ts").asText()).toInstant());
        assertThat(s.file().getParent().getParent().getFileName().toString()).isEqualTo(tag);
    }

    /** Two sources in place of the shared agent config's one: S4's JSON with keep_original, and raw lines. */
    private static void configureS4Sources(Roles roles) throws IOException {
        Path config = roles.work.resolve("agent.yaml");
        String yaml = Files.readString(config);
        String shared =
                """
                  - paths: ["%s/*.log"]
                    tag: app.api
                    format: {type: json, time_key: timestamp}
                """
                        .formatted(roles.logs);
        assertThat(yaml).contains(shared);
        Files.writeString(
                config,
                yaml.replace(
                        shared,
                        """
                          - paths: ["%1$s/*.log"]
                            tag: app.s4
                            format: {type: json, time_key: ts, keep_original: message}
                          - paths: ["%1$s/*.raw"]
                            tag: app.raw
                            format: {type: raw, time_pointer: /ts}
                        """
                                .formatted(roles.logs)),
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    record Stored(Path file, JsonNode record) {}

    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Polls the file output until {@code count} records are there or two minutes pass; by {@code id}. */
    private static Map<Integer, Stored> await(Roles roles, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<Integer, Stored> stored;
        do {
            Thread.sleep(250);
            stored = scan(roles.out);
        } while (stored.size() < count && System.nanoTime() < deadline);
        return stored;
    }

    private static Map<Integer, Stored> scan(Path out) throws IOException {
        Map<Integer, Stored> stored = new TreeMap<>();
        if (!Files.isDirectory(out)) {
            return stored;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(out)) {
            files =
                    s.filter(
                                    p ->
                                            p.getFileName().toString().endsWith(".json.gz")
                                                    && !p.getFileName().toString().startsWith("."))
                            .toList();
        } catch (java.io.UncheckedIOException e) {
            return stored; // a temporary file renamed away during the walk: look again
        }
        for (Path f : files) {
            byte[] text;
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                text = in.readAllBytes();
            } catch (java.nio.file.NoSuchFileException e) {
                continue;
            }
            for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
                JsonNode record = JSON.readTree(line);
                int id = JSON.readTree(record.get("message").asText()).get("id").asInt();
                Stored previous = stored.put(id, new Stored(f, record));
                assertThat(previous).as("id " + id + " stored twice").isNull();
            }
        }
        return stored;
    }

    private static byte[] bytes(String name) throws IOException {
        return Files.readAllBytes(TestData.file(name));
    }

    private static List<String> lines(String name) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : new String(bytes(name), StandardCharsets.UTF_8).split("\n")) {
            lines.add(line);
        }
        return lines;
    }
}
