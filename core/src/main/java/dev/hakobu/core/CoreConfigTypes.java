package dev.hakobu.core;

import dev.hakobu.config.ConfigTypes;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.core.parse.JsonParserConfig;
import dev.hakobu.core.parse.LtsvParserConfig;
import dev.hakobu.core.parse.ParserConfig;
import dev.hakobu.core.parse.RawParserConfig;
import java.util.List;

/** The config types core contributes: the line parsers. */
public final class CoreConfigTypes implements ConfigTypes {
    @Override
    public List<TypeBinding> bindings() {
        return List.of(
                new TypeBinding(ParserConfig.class, "json", JsonParserConfig.class),
                new TypeBinding(ParserConfig.class, "ltsv", LtsvParserConfig.class),
                new TypeBinding(ParserConfig.class, "raw", RawParserConfig.class));
    }
}
