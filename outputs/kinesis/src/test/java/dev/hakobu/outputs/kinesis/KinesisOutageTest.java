package dev.hakobu.outputs.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.OutputCounters;
import dev.hakobu.output.OutputCounters.ErrorType;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.conformance.TestChunks;
import dev.hakobu.outputs.conformance.TestChunks.Event;
import dev.hakobu.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Kinesis cut off mid-run (a proxy in front of kinesis-local closes its port) and back: the retries are
 * counted, the outage is logged once when it starts, once a minute while it lasts and once when it
 * ends, and every record is in the stream exactly once. Time is a fake clock; pauses take no time.
 */
class KinesisOutageTest {
    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
    private static final Pattern ID = Pattern.compile("\"chunk\":\"(\\w+)\",\"seq\":(\\d+),");

    @TempDir Path dir;
    private KinesisLocal kinesis;
    private TcpProxy proxy;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(KinesisOutput.class);

    @BeforeEach
    void start() throws Exception {
        kinesis = KinesisLocal.start();
        proxy = new TcpProxy(TcpProxy.freePort(), kinesis.port());
        proxy.start();
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stop() throws Exception {
        logger.detachAppender(lines);
        logger.setLevel(null);
        proxy.close();
        kinesis.close();
    }

    private List<String> messages(Level level, String containing) {
        return lines.list.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(containing))
                .toList();
    }

    @Test
    void anOutageIsCountedAndLoggedOnceAtEachTurnAndNoRecordIsLostOrRepeated() throws Exception {
        kinesis.createStream("outage", 2);
        MutableClock clock = new MutableClock(T0);
        KinesisOutputConfig c =
                KinesisOutputTest.config(proxy.endpoint(), "outage", Optional.of("device"), true);
        try (KinesisOutput out =
                c.build(
                        new OutputContext("clicks", "n1", clock, dir),
                        KinesisClients.build(c),
                        d -> {})) {
            OutputCounters counters = out.counters().orElseThrow();
            assertThat(out.write(chunk("before", 300))).isEqualTo(WriteResult.DELIVERED);
            assertThat(counters.recordsRetried.sum()).isZero();
            assertThat(lines.list).isEmpty();

            proxy.stop();
            Chunk during = chunk("during", 400);
            assertThat(out.write(during)).isInstanceOf(WriteResult.Retry.class);
            long retried = counters.recordsRetried.sum();
            assertThat(retried).isPositive();
            assertThat(counters.requestErrors(ErrorType.UNREACHABLE)).isPositive();
            assertThat(messages(Level.WARN, "not taking records")).hasSize(1);

            clock.advance(Duration.ofSeconds(30));
            assertThat(out.write(during)).isInstanceOf(WriteResult.Retry.class);
            assertThat(messages(Level.WARN, "still not taking records")).isEmpty();
            clock.advance(Duration.ofSeconds(31));
            assertThat(out.write(during)).isInstanceOf(WriteResult.Retry.class);
            assertThat(out.write(during)).isInstanceOf(WriteResult.Retry.class);
            assertThat(messages(Level.WARN, "still not taking records"))
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains("after 61s");
            assertThat(counters.recordsRetried.sum())
                    .as("each write of the chunk again resends its records")
                    .isGreaterThan(retried + 3 * 400);

            proxy.start();
            clock.advance(Duration.ofSeconds(20));
            assertThat(out.write(during)).isEqualTo(WriteResult.DELIVERED);
            assertThat(out.write(chunk("after", 300))).isEqualTo(WriteResult.DELIVERED);
            assertThat(messages(Level.INFO, "takes records again"))
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains("after 81s");
            assertThat(messages(Level.WARN, "not taking records")).hasSize(2);
            assertThat(lines.list).hasSize(3);
        }
        Map<String, Integer> seen = new HashMap<>();
        try (KinesisClient client = kinesis.client()) {
            for (StreamReader.Read r : StreamReader.readAll(client, "outage")) {
                for (KplDeaggregator.UserRecord u :
                        KplDeaggregator.unpack(r.partitionKey(), r.data())) {
                    Matcher m = ID.matcher(new String(u.data(), StandardCharsets.UTF_8));
                    assertThat(m.find()).isTrue();
                    seen.merge(m.group(1) + "/" + m.group(2), 1, Integer::sum);
                }
            }
        }
        assertThat(seen.values()).as("no record twice").containsOnly(1);
        assertThat(seen).as("no record lost").hasSize(300 + 400 + 300);
    }

    private static Chunk chunk(String id, int records) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("device", "lock-" + (i % 7));
            record.put("chunk", id);
            record.put("seq", i);
            events.add(new Event((1_597_371_753L + i) * 1_000_000_000L, record));
        }
        return TestChunks.chunk(id, "lock.events", events);
    }
}
