package dev.hakobu.agent.parse;

/** The {@code format:} of a source; {@code type:} picks json, ltsv or raw. The config is the factory. */
public interface ParserConfig {
    /** A new parser; parsers keep per-thread caches, so build one per reading thread. */
    LineParser build();
}
