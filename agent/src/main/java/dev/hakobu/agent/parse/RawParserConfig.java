package dev.hakobu.agent.parse;

import dev.hakobu.config.Doc;

@Doc("The whole line in the field 'message'.")
public record RawParserConfig() implements ParserConfig {
    @Override
    public LineParser build() {
        return new RawLineParser();
    }
}
