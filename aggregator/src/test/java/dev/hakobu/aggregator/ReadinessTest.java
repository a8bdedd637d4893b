package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.ForwardRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** /ready through a real aggregator whose file output cannot write: it must stop saying ready. */
class ReadinessTest {
    @TempDir Path work;

    @Test
    void anOutputWhoseDeliveriesAllFailMakesTheAggregatorNotReadyAndItComesBackWhenOneSucceeds()
            throws Exception {
        Path out = work.resolve("out");
        Files.writeString(out, "a file where the output's folder should be: every write fails");
        String yaml =
                """
                node: n1
                state_dir: "%s"
                listen: {bind: 127.0.0.1, port: 0}
                http: {enabled: false}
                buffer: {max_age: 50ms, late_wait: 0s}
                delivery: {retry_initial: 10ms, retry_max: 20ms}
                outputs:
                  local: {type: file, root: "%s", compression: none}
                routes:
                  - match: "app.**"
                    outputs: [local]
                """
                        .formatted(work.resolve("state"), out);
        try (Aggregator aggregator =
                Aggregator.start(
                        ConfigLoader.fromClasspath()
                                .load("readiness.yaml", yaml, AggregatorConfig.class),
                        Clock.systemUTC(),
                        new SplittableRandom(1))) {
            assertThat(aggregator.ready()).isTrue();
            aggregator.pipeline().accept(request("app.api", 3)).toCompletableFuture().get();

            awaitUntil(() -> !aggregator.ready(), Duration.ofSeconds(20));
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) aggregator.status().get("not_ready_because");
            assertThat(problems)
                    .anyMatch(
                            p ->
                                    p.startsWith("local: the last ")
                                            && p.contains("deliveries failed"));

            Files.delete(out);
            awaitUntil(aggregator::ready, Duration.ofSeconds(20));
        }
    }

    private static ForwardRequest request(String tag, int events) throws IOException {
        EntryWriter entries = new EntryWriter(256);
        for (int i = 0; i < events; i++) {
            try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                p.packMapHeader(1).packString("seq").packInt(i);
                byte[] record = p.toByteArray();
                entries.add(1_597_371_754_000_000_000L + i, record, 0, record.length);
            }
        }
        return new ForwardRequest(
                tag, Arrays.copyOf(entries.array(), entries.size()), events, "chunk-" + tag);
    }

    private static void awaitUntil(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
