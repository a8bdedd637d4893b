package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.event.ChunkIds;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.ForwardClient;
import dev.hakobu.forward.ForwardClientConfig;
import dev.hakobu.output.OutputMetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Records sent to an aggregator whose only output is {@code type: null} are counted, dropped and leave an empty buffer. */
@Timeout(60)
class NullOutputEndToEndTest {
    private static final int CHUNKS = 5;
    private static final int EVENTS_PER_CHUNK = 40;

    @TempDir Path work;

    @Test
    void everyRecordIsCountedByTheNullOutputAndNoneIsLeftInTheBuffer() throws Exception {
        Path yaml =
                Files.writeString(
                        work.resolve("aggregator.yaml"),
                        """
                node: n1
                state_dir: "%s"
                listen: {bind: 127.0.0.1, port: 0}
                buffer: {max_age: 1s, late_wait: 0s, dir: "%s"}
                outputs:
                  nowhere: {type: null}
                routes:
                  - match: "app.**"
                    outputs: [nowhere]
                """
                                .formatted(work.resolve("state"), work.resolve("buffer")));
        try (Aggregator aggregator =
                Aggregator.start(
                        ConfigLoader.fromClasspath().load(yaml, AggregatorConfig.class),
                        Clock.systemUTC(),
                        new SplittableRandom(1))) {
            send(aggregator);
            long events = CHUNKS * EVENTS_PER_CHUNK;
            awaitTrue(
                    "the null output counts every record",
                    () -> counter(aggregator, OutputMetricNames.RECORDS_IN) == events);

            assertThat(counter(aggregator, OutputMetricNames.RECORDS_DELIVERED)).isEqualTo(events);
            assertThat(
                            aggregator
                                    .metrics()
                                    .get(AggregatorMetrics.OUTPUT_EVENTS)
                                    .tag("output", "nowhere")
                                    .counter()
                                    .count())
                    .isEqualTo(events);
            awaitTrue(
                    "the buffer is empty",
                    () ->
                            aggregator.bufferStats().get("nowhere").waitingChunks() == 0
                                    && aggregator.bufferStats().get("nowhere").usedBytes() == 0);
            assertThat(aggregator.bufferStats().get("nowhere").appendedEvents()).isEqualTo(events);
            awaitTrue(
                    "/api/status shows the sink's answer",
                    () -> sink(aggregator).containsKey("up"));
            assertThat(sink(aggregator))
                    .containsEntry("up", true)
                    .containsEntry("detail", "drops every record");
            assertThat(outputStatus(aggregator)).containsEntry("delivery_guarantee", "discarded");
        }
    }

    private static double counter(Aggregator aggregator, String name) {
        return aggregator
                .metrics()
                .get(name)
                .tag(OutputMetricNames.TAG_OUTPUT, "nowhere")
                .functionCounter()
                .count();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outputStatus(Aggregator aggregator) {
        return (Map<String, Object>)
                ((Map<String, Object>) aggregator.status().get("outputs")).get("nowhere");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sink(Aggregator aggregator) {
        return (Map<String, Object>) outputStatus(aggregator).get("sink");
    }

    private static void send(Aggregator aggregator) throws Exception {
        ForwardClient client =
                ForwardClient.open(
                        ForwardClientConfig.defaults("127.0.0.1", aggregator.address().getPort()),
                        new SplittableRandom(2));
        try {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            SplittableRandom ids = new SplittableRandom(3);
            for (int c = 0; c < CHUNKS; c++) {
                EntryWriter entries = new EntryWriter(4096);
                for (int i = 0; i < EVENTS_PER_CHUNK; i++) {
                    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                        p.packMapHeader(1).packString("message").packString("line " + c + "." + i);
                        byte[] record = p.toByteArray();
                        entries.add(1_597_371_754_000_000_000L + i, record, 0, record.length);
                    }
                }
                acks.add(
                        client.send(
                                "app.api",
                                entries.array(),
                                0,
                                entries.size(),
                                entries.count(),
                                ChunkIds.newId(ids)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
