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
 */
package dev.hakobu.config;
