package dev.hakobu.aggregator.ingest;

import dev.hakobu.config.Doc;
import dev.hakobu.core.route.TagPattern;
import java.util.List;

@Doc("Sends events whose tag matches to the named outputs.")
public record RouteConfig(
        @Doc("Tag pattern: * one part, ** any number of parts, {a,b} alternatives.") String match,
        @Doc("Names of outputs to write to.") List<String> outputs) {

    public RouteConfig {
        try {
            TagPattern.compile(match);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("match: " + e.getMessage());
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs: name at least one output");
        }
    }
}
