package dev.hakobu.agent.tail;

import dev.hakobu.agent.ship.BatchConfig;
import dev.hakobu.agent.ship.ChunkJournal;
import dev.hakobu.agent.ship.PositionStore;
import dev.hakobu.agent.ship.Positions;
import dev.hakobu.agent.ship.SealedChunk;
import dev.hakobu.config.DataSize;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * A reader over real files with a fake monotonic clock, driven step by step; every chunk is acked at
 * once. Records what reached the "aggregator" as (tag, record as JSON text).
 */
final class TailHarness implements AutoCloseable {
    final Positions positions;
    final TailReader reader;
    final List<SealedChunk> chunks = new ArrayList<>();
    long nanos = 1_000_000_000L;

    TailHarness(Path state, TailSourceConfig... sources) throws IOException {
        this(state, new BatchConfig(DataSize.ofBytes(64 * 1024), Duration.ofSeconds(1)), sources);
    }

    TailHarness(Path state, BatchConfig batch, TailSourceConfig... sources) throws IOException {
        positions = new Positions(new PositionStore(state), new ChunkJournal(state), List.of());
        AtomicInteger ids = new AtomicInteger();
        reader =
                new TailReader(
                        List.of(sources),
                        batch,
                        positions,
                        chunk -> {
                            chunks.add(chunk);
                            positions.sent(chunk);
                            positions.acked(chunk);
                        },
                        () -> "c" + ids.incrementAndGet(),
                        Clock.fixed(Instant.parse("2020-08-14T00:00:00Z"), ZoneOffset.UTC),
                        () -> nanos);
        reader.sendPartialChunksWhenIdle();
    }

    /** Reads until nothing is left and the partial chunks are sent. */
    TailHarness drain() {
        for (int i = 0; i < 1000 && reader.step(); i++) {
            // a bounded number of passes
        }
        return this;
    }

    TailHarness scan() {
        reader.scan();
        return this;
    }

    TailHarness advance(Duration d) {
        nanos += d.toNanos();
        return this;
    }

    /** The value of {@code field} of every record delivered, in order. */
    List<String> field(String field) throws IOException {
        List<String> out = new ArrayList<>();
        for (SealedChunk c : chunks) {
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(c.entries(), 0, c.length())) {
                while (u.hasNext()) {
                    u.unpackArrayHeader();
                    u.unpackValue(); // event time
                    Value record = u.unpackValue();
                    Value v =
                            record.asMapValue()
                                    .map()
                                    .get(org.msgpack.value.ValueFactory.newString(field));
                    out.add(
                            v == null
                                    ? null
                                    : v.isStringValue()
                                            ? v.asStringValue().asString()
                                            : v.toString());
                }
            }
        }
        return out;
    }

    List<String> tags() {
        return chunks.stream().map(SealedChunk::tag).distinct().sorted().toList();
    }

    @Override
    public void close() {
        positions.close();
    }
}
