/**
 * Loading Hakobu's YAML configuration into typed records.
 *
 * <p>Contract: {@link dev.hakobu.config.ConfigLoader#load} either returns a fully built root record or
 * throws {@link dev.hakobu.config.ConfigException} carrying <em>every</em> problem found in the file
 * (unknown keys, missing required keys, wrong types, unset environment variables, validation failures
 * from record constructors), each with file, 1-based line and column, and YAML path. Nothing is started
 * from a partially valid file.
 *
 * <p>Binding rules: a YAML key is the snake_case form of a record component ({@code maxLineBytes} ->
 * {@code max_line_bytes}); a component without {@link dev.hakobu.config.Default} is required unless its
 * type is {@code Optional}, {@code List}, {@code Map}, or a record whose components all have defaults;
 * a component whose type is an interface registered through {@link dev.hakobu.config.ConfigTypes} is
 * polymorphic and its mapping's {@code type:} key picks the implementation.
 *
 * <p>Details: an explicit null ({@code key:} or {@code key: ~}) counts as absent, and so does a plain value
 * that environment substitution turns into nothing ({@code ${TOKEN:-}}). A single scalar where a list is
 * expected is a one-element list. {@link dev.hakobu.config.Default} texts are literals (no substitution); a
 * default that does not fit its type is a bug and throws {@link java.lang.IllegalStateException}. A record
 * constructor validates by throwing {@link java.lang.IllegalArgumentException}; a message starting with
 * {@code "<key>: "} is reported at that key's value. Any other exception from a constructor propagates.
 *
 * <p>Layout: {@code ConfigLoader} is the entry point; {@code YamlDocument} and {@code YamlMapping} read the
 * node tree; {@code ValueBinder} dispatches to {@code RecordBinder}, {@code ContainerBinder},
 * {@code PolymorphicBinder} and {@code ScalarConverters}; {@code MissingValues} decides what an absent key
 * becomes; errors accumulate in {@code Problems}.
 */
package dev.hakobu.config;
