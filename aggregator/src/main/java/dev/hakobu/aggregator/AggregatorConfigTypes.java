package dev.hakobu.aggregator;

import dev.hakobu.config.ConfigTypes;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.runtime.RoleConfig;
import java.util.List;

/** Registers the aggregator's root config, so check-config can recognise aggregator files. */
public final class AggregatorConfigTypes implements ConfigTypes {
    @Override
    public List<TypeBinding> bindings() {
        return List.of(new TypeBinding(RoleConfig.class, "aggregator", AggregatorConfig.class));
    }
}
