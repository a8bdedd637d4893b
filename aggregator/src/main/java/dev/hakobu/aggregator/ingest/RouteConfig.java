package dev.hakobu.aggregator.ingest;

import dev.hakobu.aggregator.route.TagPattern;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Key;
import dev.hakobu.mask.MaskRuleConfig;
import java.util.List;

@Doc("Sends events whose tag matches to the named outputs, masked by this route's rules.")
public record RouteConfig(
        @Doc("Tag pattern: * one part, ** any number of parts, {a,b} alternatives.") String match,
        @Doc("Names of outputs to write to.") List<String> outputs,
        @Doc("Masking rules applied before anything is stored.") List<MaskRuleConfig> mask,
        @Doc("Also try the routes after this one when it matches.")
                @Key("continue")
                @Default("false")
                boolean continueMatching) {

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
