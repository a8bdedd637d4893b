package dev.hakobu.agent.tail;

import dev.hakobu.agent.ship.BatchConfig;
import dev.hakobu.agent.ship.ChunkAssembler;
import dev.hakobu.core.parse.LineParser;
import dev.hakobu.core.parse.RecordBuilder;

/** One configured source at run time: its globs, its parser and the chunk being filled for its tag. */
final class TailSource {
    final TailSourceConfig config;
    final Globs globs;
    final LineParser parser;
    final ChunkAssembler assembler;
    final RecordBuilder record = new RecordBuilder();

    TailSource(TailSourceConfig config, BatchConfig batch) {
        this.config = config;
        this.globs = new Globs(config.paths());
        this.parser = config.format().build();
        this.assembler = new ChunkAssembler(config.tag(), batch);
    }
}
