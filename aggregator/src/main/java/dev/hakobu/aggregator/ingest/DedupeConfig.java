package dev.hakobu.aggregator.ingest;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Range;

@Doc("Recognising chunks sent twice: their ids are remembered, and a repeat is acknowledged without being stored again.")
public record DedupeConfig(
        @Doc("How many recent chunk ids to remember (about 100 bytes each on disk and in memory); 0 turns dedupe off.")
        @Default("1000000") @Range(min = 0, max = 100_000_000) int window) {
}
