package dev.hakobu.agent;

import dev.hakobu.config.ConfigTypes;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.core.cli.RoleConfig;
import java.util.List;

/** Registers the agent's root config, so check-config can recognise agent files. */
public final class AgentConfigTypes implements ConfigTypes {
    @Override
    public List<TypeBinding> bindings() {
        return List.of(new TypeBinding(RoleConfig.class, "agent", AgentConfig.class));
    }
}
