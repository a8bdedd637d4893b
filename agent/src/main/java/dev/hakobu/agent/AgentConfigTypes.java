package dev.hakobu.agent;

import dev.hakobu.agent.parse.JsonParserConfig;
import dev.hakobu.agent.parse.LtsvParserConfig;
import dev.hakobu.agent.parse.ParserConfig;
import dev.hakobu.agent.parse.RawParserConfig;
import dev.hakobu.config.ConfigTypes;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.runtime.RoleConfig;
import java.util.List;

/** Registers the agent's root config, so check-config can recognise agent files, and its line parsers. */
public final class AgentConfigTypes implements ConfigTypes {
    @Override
    public List<TypeBinding> bindings() {
        return List.of(
                new TypeBinding(RoleConfig.class, "agent", AgentConfig.class),
                new TypeBinding(ParserConfig.class, "json", JsonParserConfig.class),
                new TypeBinding(ParserConfig.class, "ltsv", LtsvParserConfig.class),
                new TypeBinding(ParserConfig.class, "raw", RawParserConfig.class));
    }
}
