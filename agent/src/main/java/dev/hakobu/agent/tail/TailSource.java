package dev.hakobu.agent.tail;

import dev.hakobu.agent.parse.LineParser;
import dev.hakobu.agent.parse.RecordBuilder;
import dev.hakobu.agent.ship.BatchConfig;
import dev.hakobu.agent.ship.ChunkAssembler;
import dev.hakobu.agent.ship.ChunkBuffers;
import dev.hakobu.mask.Masker;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configured source at run time: its globs, its parser and a chunk being filled per tag (one tag,
 * or one per file name with a tag template). Reader thread only.
 */
final class TailSource {
    final TailSourceConfig config;
    final Globs globs;
    final LineParser parser;
    final RecordBuilder record = new RecordBuilder();
    final Masker masker;
    private final BatchConfig batch;
    private final Map<String, ChunkAssembler> assemblers = new LinkedHashMap<>();

    final SourceCounters counters;

    private final ChunkBuffers buffers;

    TailSource(TailSourceConfig config, BatchConfig batch) {
        this(config, batch, new ChunkBuffers(batch, 2));
    }

    TailSource(TailSourceConfig config, BatchConfig batch, ChunkBuffers buffers) {
        this.buffers = buffers;
        this.config = config;
        this.batch = batch;
        this.globs = new Globs(config.paths(), config.exclude());
        this.parser = config.format().build();
        this.masker = Masker.of(config.mask());
        this.counters = new SourceCounters(config.tag());
    }

    ChunkAssembler assembler(String tag) {
        return assemblers.computeIfAbsent(tag, t -> new ChunkAssembler(t, batch, buffers));
    }

    Collection<ChunkAssembler> assemblers() {
        return assemblers.values();
    }
}
