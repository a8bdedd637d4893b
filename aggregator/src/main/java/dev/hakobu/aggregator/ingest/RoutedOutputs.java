package dev.hakobu.aggregator.ingest;

import dev.hakobu.mask.Masker;
import java.util.List;

/** What one matching route does with a chunk: mask it with its rules, then write it to its outputs. */
public record RoutedOutputs(Masker masker, List<String> outputs) {}
