package dev.hakobu.aggregator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.aggregator.Aggregator;
import dev.hakobu.aggregator.AggregatorConfig;
import dev.hakobu.aggregator.buffer.BufferConfig;
import dev.hakobu.aggregator.buffer.DiskBuffer;
import dev.hakobu.aggregator.delivery.OutputWorker;
import dev.hakobu.aggregator.delivery.RetrySchedule;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Partitioner;
import dev.hakobu.output.WriteResult;
import dev.hakobu.runtime.HakobuMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    @TempDir Path work;

    /** A dead-letter folder holding one rejected chunk of three events tagged app.api. */
    private Path deadLetters() throws Exception {
        try (DiskBuffer b =
                DiskBuffer.open(
                        "old",
                        work.resolve("old"),
                        work.resolve("old-ids"),
                        BufferConfig.defaults(work),
                        Partitioner.BY_TAG,
                        Clock.systemUTC(),
                        new SplittableRandom(9))) {
            EntryWriter w = new EntryWriter(64);
            for (int i = 0; i < 3; i++) {
                w.add(
                        1_597_371_754_000_000_000L,
                        new byte[] {(byte) 0x81, (byte) 0xa1, 'n', (byte) i},
                        0,
                        4);
            }
            b.append("src", "app.api", w.array(), 0, w.size());
            b.closeOpenChunks();
            RetrySchedule schedule =
                    new RetrySchedule(
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(1),
                            new SplittableRandom(1));
            new OutputWorker(
                            "old",
                            b,
                            new dev.hakobu.output.Output() {
                                @Override
                                public WriteResult write(dev.hakobu.output.Chunk chunk) {
                                    return new WriteResult.Rejected("schema mismatch");
                                }

                                @Override
                                public dev.hakobu.output.DeliveryGuarantee deliveryGuarantee() {
                                    return dev.hakobu.output.DeliveryGuarantee.AT_LEAST_ONCE;
                                }

                                @Override
                                public void close() {}
                            },
                            schedule,
                            Clock.systemUTC())
                    .runOnce();
            return b.deadLetterDir();
        }
    }

    private Aggregator aggregator() throws Exception {
        Path yaml = work.resolve("aggregator.yaml");
        Files.writeString(
                yaml,
                """
                node: n1
                state_dir: "%s"
                listen: {bind: 127.0.0.1, port: 0}
                buffer: {max_age: 100ms, late_wait: 0s}
                outputs:
                  local: {type: file, root: "%s", compression: none}
                routes:
                  - match: "app.**"
                    outputs: [local]
                """
                        .formatted(work.resolve("state"), work.resolve("out")));
        return Aggregator.start(
                ConfigLoader.fromClasspath().load(yaml, AggregatorConfig.class),
                Clock.systemUTC(),
                new SplittableRandom(2));
    }

    private long linesOut() throws IOException {
        if (!Files.isDirectory(work.resolve("out"))) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(work.resolve("out"))) {
            return files.filter(
                            p ->
                                    p.toString().endsWith(".json")
                                            && !p.getFileName().toString().startsWith("."))
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.readAllLines(p).size();
                                } catch (IOException e) {
                                    return 0;
                                }
                            })
                    .sum();
        } catch (UncheckedIOException e) {
            return 0; // a temporary file renamed while the walk listed it: count again on the next
            // poll
        }
    }

    @Test
    void deadLetteredChunksAreReplayedThroughRoutingAndMovedAsideOnlyAfterTheAck()
            throws Exception {
        Path dead = deadLetters();
        String chunkFile;
        try (Stream<Path> s = Files.list(dead)) {
            chunkFile =
                    s.filter(p -> p.toString().endsWith(".chunk"))
                            .findFirst()
                            .orElseThrow()
                            .getFileName()
                            .toString();
        }
        try (Aggregator aggregator = aggregator()) {
            String to = "127.0.0.1:" + aggregator.address().getPort();
            assertThat(HakobuMain.run("replay", dead.toString(), "--to", to)).isEqualTo(0);
            assertThat(dead.resolve(chunkFile)).doesNotExist();
            assertThat(dead.resolve("replayed").resolve(chunkFile)).exists();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (linesOut() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(linesOut()).isEqualTo(3);

            // replaying the same chunk again (an interrupted run) stores nothing twice
            Files.move(dead.resolve("replayed").resolve(chunkFile), dead.resolve(chunkFile));
            assertThat(HakobuMain.run("replay", dead.toString(), "--to", to)).isEqualTo(0);
            assertThat(aggregator.bufferStats().get("local").duplicateEvents()).isEqualTo(3);
            assertThat(linesOut()).isEqualTo(3);
        }
    }

    @Test
    void aMistypedDestinationExitsTwoWithAHint() throws Exception {
        assertThat(HakobuMain.run("replay", work.toString(), "--to", "localhost")).isEqualTo(2);
    }
}
