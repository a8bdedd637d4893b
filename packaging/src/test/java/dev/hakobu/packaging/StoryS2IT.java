package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.outputs.elasticsearch.SearchServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story S2 end to end through the launcher: LTSV access logs typed by the agent (config/agent.yaml's
 * types), through the aggregator into daily OpenSearch indices whose template the elasticsearch output
 * puts from its declared types. The day's first line has a size of '12kb', and a line whose time does
 * not parse is the first (and only) document of today's index: neither changes a mapping, every line is
 * indexed (no dead letters), and the support staff's typed queries count exactly.
 */
class StoryS2IT {
    private static final String TYPES =
            "{time: {type: time}, status: {type: integer}, size: {type: integer, null_as: -1},"
                    + " reqtime: {type: float, null_as: -1.0}}";
    private static final int LINES = 200;

    @TempDir Path work;

    @Test
    void badFirstLinesChangeNoMappingAndTheTypedQueriesCountEveryLine() throws Exception {
        try (SearchServer search = SearchServer.start(SearchServer.Kind.OPENSEARCH)) {
            String output =
                    ("{type: elasticsearch, url: \"%s\", index: \"lock-s2-%%Y.%%m.%%d\", time_zone: Asia/Tokyo,"
                                    + " types: %s}")
                            .formatted(search.url(), TYPES);
            try (Roles roles = new Roles(work, output)) {
                Path agentYaml = work.resolve("agent.yaml");
                Files.writeString(
                        agentYaml,
                        Files.readString(agentYaml)
                                .replace(
                                        "format: {type: json, time_key: timestamp}",
                                        "format: {type: ltsv, time_key: time, time_format: \"dd/MMM/yyyy:HH:mm:ss Z\","
                                                + " time_zone: Asia/Tokyo, types: "
                                                + TYPES
                                                + "}"));
                StringBuilder lines = new StringBuilder();
                lines.append(
                        "time:14/Aug/2020:00:00:01 +0900\thost:192.0.2.99\tstatus:200\tsize:12kb\treqtime:slow\n");
                for (int i = 1; i <= LINES; i++) {
                    lines.append(
                            "time:14/Aug/2020:%02d:%02d:00 +0900\thost:192.0.2.%d\tstatus:200\tsize:%s\treqtime:0.%03d\n"
                                    .formatted(
                                            i / 60,
                                            i % 60,
                                            i % 250,
                                            i % 10 == 5 ? "-" : String.valueOf(i * 10),
                                            i));
                }
                lines.append("time:bogus\thost:192.0.2.98\tstatus:500\tsize:7\treqtime:-\n");
                roles.startAggregator();
                roles.startAgent();
                Files.writeString(roles.logs.resolve("access.log"), lines.toString());

                long total = LINES + 2;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (count(search, "{}") < total && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                assertThat(count(search, "{}"))
                        .as("documents; " + roles.logsTail())
                        .isEqualTo(total);
                Path deadLetters = roles.buffer.resolve("local/dead-letter");
                if (Files.isDirectory(deadLetters)) {
                    try (Stream<Path> files = Files.walk(deadLetters)) {
                        assertThat(files.filter(Files::isRegularFile).toList())
                                .as("dead letters")
                                .isEmpty();
                    }
                }
            }
            String mappings = search.get("/lock-s2-*/_mapping").body();
            assertThat(mappings.split("\"lock-s2-").length - 1)
                    .as("the story's day and today (the line whose time did not parse)")
                    .isEqualTo(2);
            for (String index : List.of("2020.08.14", "today")) {
                String mapping =
                        index.equals("today")
                                ? mappings.substring(mappings.lastIndexOf("\"lock-s2-"))
                                : search.get("/lock-s2-" + index + "/_mapping").body();
                assertThat(mapping)
                        .as(index)
                        .containsPattern("\"time\":\\{[^}]*\"type\":\"date\"")
                        .containsPattern("\"size\":\\{[^}]*\"type\":\"long\"")
                        .containsPattern("\"reqtime\":\\{[^}]*\"type\":\"double\"");
            }
            assertThat(count(search, "{\"query\":{\"range\":{\"size\":{\"gte\":1000}}}}"))
                    .as("size >= 1000: lines 100..200 but the ten whose size was '-'")
                    .isEqualTo(91);
            assertThat(
                            count(
                                    search,
                                    "{\"query\":{\"range\":{\"time\":{\"gte\":\"2020-08-14T00:00:00+09:00\",\"lt\":\"2020-08-15T00:00:00+09:00\"}}}}"))
                    .as("every line of the day, the one with size 12kb too")
                    .isEqualTo(LINES + 1);
            assertThat(count(search, "{\"query\":{\"term\":{\"_raw.size\":\"12kb\"}}}"))
                    .isEqualTo(1);
            assertThat(count(search, "{\"query\":{\"term\":{\"_raw.time\":\"bogus\"}}}"))
                    .isEqualTo(1);
            assertThat(count(search, "{\"query\":{\"range\":{\"reqtime\":{\"lt\":0}}}}"))
                    .as("'slow' and '-' became -1.0")
                    .isEqualTo(2);
        }
    }

    private static long count(SearchServer search, String query) throws Exception {
        search.send("POST", "/lock-s2-*/_refresh", "");
        String body = search.send("POST", "/lock-s2-*/_count", query).body();
        return body.contains("\"count\":")
                ? Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"))
                : 0;
    }
}
