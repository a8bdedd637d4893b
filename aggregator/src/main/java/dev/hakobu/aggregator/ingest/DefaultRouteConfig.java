package dev.hakobu.aggregator.ingest;

import dev.hakobu.config.Doc;
import dev.hakobu.mask.MaskRuleConfig;
import java.util.List;

@Doc("Where events whose tag matches no route go (counted as unmatched), masked by these rules.")
public record DefaultRouteConfig(
        @Doc("Names of outputs to write to.") List<String> outputs,
        @Doc("Masking rules applied before anything is stored.") List<MaskRuleConfig> mask) {

    public DefaultRouteConfig {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs: name at least one output");
        }
    }
}
