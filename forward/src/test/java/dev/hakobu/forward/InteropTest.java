package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.event.EntryReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fluentd.logger.FluentLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

/** Independent Forward clients from Maven Central send to a running {@link ForwardServer}; every event is counted. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InteropTest {
    private static final int EVENTS = 20_000;
    private final ConcurrentHashMap<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> tags = new ConcurrentHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private ForwardServer server;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @ParameterizedTest(name = "ack {0}")
    @ValueSource(booleans = {true, false})
    void everyEventFluencySendsArrivesAndWithAcksExactlyOnce(boolean ack) throws Exception {
        start();
        FluencyBuilderForFluentd builder = new FluencyBuilderForFluentd();
        builder.setAckResponseMode(ack);
        builder.setFlushAttemptIntervalMillis(100);
        Fluency fluency = builder.build("127.0.0.1", server.localAddress().getPort());
        for (int i = 0; i < EVENTS; i++) {
            fluency.emit("fluency.test", record(i));
        }
        fluency.flush();
        assertThat(fluency.waitUntilAllBufferFlushed(30)).as("Fluency flushed its buffer").isTrue();
        fluency.close();
        assertThat(fluency.waitUntilFlusherTerminated(30)).isTrue();

        Await.until("every event arrived", () -> seen.size() == EVENTS);
        if (ack) {
            assertThat(seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(server.stats().acks()).isEqualTo(server.stats().requests()).isPositive();
        } else {
            assertThat(server.stats().acks()).isZero();
        }
        assertThat(tags).containsOnlyKeys("fluency.test");
    }

    @Test
    void everyEventFluentLoggerJavaSendsArrives() throws Exception {
        start();
        FluentLogger logger =
                FluentLogger.getLogger("legacy", "127.0.0.1", server.localAddress().getPort());
        try {
            for (int i = 0; i < EVENTS; i++) {
                assertThat(logger.log("test", record(i))).as("event %d buffered", i).isTrue();
            }
            logger.flush();
            Await.until("every event arrived", () -> seen.size() == EVENTS);
        } finally {
            logger.close();
        }
        assertThat(seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(tags).containsOnlyKeys("legacy.test");
    }

    private static Map<String, Object> record(int seq) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("seq", seq);
        record.put("msg", "event " + seq + " from an independent client");
        return record;
    }

    private void start() throws IOException {
        server =
                ForwardServer.start(
                        TestServers.config(0),
                        request -> {
                            tags.computeIfAbsent(request.tag(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            EntryReader.read(
                                    request.entries(),
                                    0,
                                    request.entries().length,
                                    (t, b, o, l) ->
                                            seen.computeIfAbsent(
                                                            Frames.seq(b, o, l),
                                                            k -> new AtomicInteger())
                                                    .incrementAndGet());
                            return CompletableFuture.completedFuture(null);
                        });
        resources.add(server);
    }
}
