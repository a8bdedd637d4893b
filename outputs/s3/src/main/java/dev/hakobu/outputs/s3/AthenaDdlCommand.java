package dev.hakobu.outputs.s3;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.config.TypeRegistry;
import dev.hakobu.output.OutputsConfig;
import dev.hakobu.outputs.format.ParquetConfig;
import dev.hakobu.outputs.schema.RegistrySchema;
import dev.hakobu.outputs.schema.SchemaFile;
import dev.hakobu.runtime.CommandFailure;
import dev.hakobu.runtime.ExitCodes;
import dev.hakobu.runtime.HakobuCommand;
import dev.hakobu.runtime.RoleConfig;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code hakobu athena-ddl}: one {@code CREATE EXTERNAL TABLE} per tag and S3 output the routes send
 * it to, on stdout. Reads the aggregator's config without its secrets ({@link
 * ConfigLoader#keepingUnsetVariables}) and touches no S3. Every mistake (option values, a tag no
 * route sends to S3, a layout no table can read, a sample or schema registry that cannot be read) is a
 * {@link CommandFailure}: one line, exit 2, and nothing printed on stdout.
 *
 * <p>For an output with {@code format: parquet} the columns come from its config (event time, tag, declared
 * types) and its schema registry ({@code --schema}, else the file in its state directory), not from
 * samples; each widening the registry counted is a {@code -- WARNING} comment above the table and a line on
 * stderr ({@link AthenaParquetColumns}). {@code --column} still overrides a column.
 */
@Command(
        name = "athena-ddl",
        mixinStandardHelpOptions = true,
        description =
                "Print CREATE EXTERNAL TABLE statements with partition projection for the S3 outputs of an aggregator config.")
public final class AthenaDdlCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "Aggregator config (YAML).")
    Path config;

    @Option(
            names = "--tag",
            required = true,
            paramLabel = "TAG",
            description = "A tag to make a table for (repeatable), e.g. app.api.")
    List<String> tags;

    @Option(
            names = "--sample",
            paramLabel = "[TAG=]FILE",
            description =
                    "JSON lines to infer a tag's column types from (repeatable): TAG=FILE per tag, or FILE"
                            + " alone when there is one --tag.")
    List<String> samples = List.of();

    @Option(
            names = "--column",
            paramLabel = "NAME:TYPE",
            description =
                    "A column and its Athena type (repeatable), for every tag; overrides --sample.")
    List<String> columns = List.of();

    @Option(
            names = "--schema",
            paramLabel = "FILE",
            description =
                    "A Parquet schema registry (repeatable: several nodes' files are merged) for the"
                            + " outputs with format: parquet; default: each output's"
                            + " <state_dir>/outputs/<name>/parquet-schema.json.")
    List<Path> schemas = List.of();

    @Option(
            names = "--since",
            paramLabel = "YYYY-MM-DD",
            defaultValue = "2020-01-01",
            description = "Start of the projection ranges (default ${DEFAULT-VALUE}).")
    String since;

    @Option(
            names = "--serde",
            paramLabel = "hive|openx",
            defaultValue = "hive",
            converter = SerdeConverter.class,
            description = "The JSON SerDe: hive (default) or openx.")
    AthenaSerde serde;

    /** hive or openx, in any case. */
    static final class SerdeConverter implements ITypeConverter<AthenaSerde> {
        @Override
        public AthenaSerde convert(String value) {
            try {
                return AthenaSerde.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("want hive or openx, got '" + value + "'");
            }
        }
    }

    /** Registers this subcommand with the launcher. */
    public static final class Provider implements HakobuCommand {
        @Override
        public Object command() {
            return new AthenaDdlCommand();
        }
    }

    /** The aggregator's config, through the root type it registers (this module does not compile against it). */
    @SuppressWarnings("unchecked")
    static OutputsConfig aggregatorConfig(Path file) throws ConfigException {
        TypeRegistry registry = TypeRegistry.fromClasspath();
        Class<?> root =
                registry.bindingsOf(RoleConfig.class).stream()
                        .filter(b -> b.name().equals("aggregator"))
                        .map(TypeBinding::config)
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new CommandFailure(
                                                "needs the aggregator, which this installation does not"
                                                        + " have; run it where hakobu-aggregator is installed"));
        Record cfg =
                ConfigLoader.fromClasspath()
                        .keepingUnsetVariables()
                        .load(file, (Class<? extends Record>) root);
        return (OutputsConfig) cfg;
    }

    @Override
    public Integer call() throws Exception {
        LocalDate from = sinceDate();
        Map<String, String> given = givenColumns();
        Map<String, Path> sampleFiles = sampleFiles();
        OutputsConfig cfg;
        try {
            cfg = aggregatorConfig(config);
        } catch (ConfigException e) {
            e.errors().forEach(System.err::println);
            return ExitCodes.MISTAKE;
        }
        Instant now = Instant.now();
        StringBuilder out = new StringBuilder();
        for (String tag : tags) {
            List<String> routed = s3OutputsFor(cfg, tag);
            Map<String, String> cols = new LinkedHashMap<>();
            Path sample = sampleFiles.get(tag);
            if (sample != null) {
                cols.putAll(AthenaColumns.infer(sampleLines(sample)));
            }
            cols.putAll(given);
            for (String name : routed) {
                S3OutputConfig s3 = (S3OutputConfig) cfg.outputs().get(name);
                try {
                    out.append("-- output '").append(name).append("', tag ").append(tag);
                    out.append('\n');
                    if (s3.format().equals(AthenaDdl.PARQUET)) {
                        out.append(parquetTable(cfg, name, s3, tag, given, from, now));
                    } else {
                        if (cols.isEmpty()) {
                            throw new CommandFailure(
                                    "--tag "
                                            + tag
                                            + ": no columns; give --sample "
                                            + tag
                                            + "=FILE or --column NAME:TYPE");
                        }
                        out.append(AthenaDdl.createTable(s3, tag, cols, from, serde, now));
                    }
                    out.append('\n');
                } catch (IllegalArgumentException e) {
                    throw new CommandFailure("outputs." + name + "." + e.getMessage());
                }
            }
        }
        System.out.print(out);
        return ExitCodes.OK;
    }

    /**
     * The Parquet table of one output: columns from its config and its schema registry (the --schema files
     * merged, else the one in its state directory), each widening as a warning comment and a line on stderr.
     */
    private String parquetTable(
            OutputsConfig cfg,
            String name,
            S3OutputConfig s3,
            String tag,
            Map<String, String> given,
            LocalDate from,
            Instant now)
            throws IOException {
        List<Path> files =
                !schemas.isEmpty()
                        ? schemas
                        : cfg
                                .outputStateDir(name)
                                .map(dir -> dir.resolve(ParquetConfig.SCHEMA_FILE))
                                .filter(Files::exists)
                                .stream()
                                .toList();
        Optional<RegistrySchema> registry = Optional.empty();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new CommandFailure("--schema: " + file + ": no such file");
            }
            RegistrySchema one;
            try {
                one = SchemaFile.read(file);
            } catch (IOException e) {
                throw new CommandFailure("--schema: " + e.getMessage());
            }
            registry = Optional.of(registry.map(r -> r.merge(one)).orElse(one));
        }
        AthenaParquetColumns table = AthenaParquetColumns.of(s3, registry);
        Map<String, String> cols = new LinkedHashMap<>(table.columns());
        cols.putAll(given);
        StringBuilder out = new StringBuilder();
        for (String warning : table.warnings()) {
            out.append("-- WARNING ").append(warning).append('\n');
            System.err.println("athena-ddl: outputs." + name + ": " + warning);
        }
        return out.append(AthenaDdl.createParquetTable(s3, tag, cols, from, now)).toString();
    }

    /** The S3 outputs the config routes {@code tag} to, or one line saying there are none. */
    private static List<String> s3OutputsFor(OutputsConfig cfg, String tag) {
        List<String> routed =
                cfg.outputsFor(tag).stream()
                        .filter(name -> cfg.outputs().get(name) instanceof S3OutputConfig)
                        .toList();
        if (routed.isEmpty()) {
            List<String> s3 =
                    cfg.outputs().entrySet().stream()
                            .filter(e -> e.getValue() instanceof S3OutputConfig)
                            .map(Map.Entry::getKey)
                            .toList();
            throw new CommandFailure(
                    "--tag "
                            + tag
                            + ": no route sends it to an s3 output ("
                            + (s3.isEmpty() ? "the config has none" : "s3 outputs: " + s3)
                            + "); give a tag the routes match");
        }
        return routed;
    }

    private LocalDate sinceDate() {
        try {
            return LocalDate.parse(since);
        } catch (DateTimeParseException e) {
            throw new CommandFailure("--since: want a date YYYY-MM-DD, got '" + since + "'");
        }
    }

    /** --column NAME:TYPE, each type one Athena accepts. */
    private Map<String, String> givenColumns() {
        Map<String, String> cols = new LinkedHashMap<>();
        for (String c : columns) {
            int colon = c.indexOf(':');
            if (colon <= 0) {
                throw new CommandFailure("--column: want NAME:TYPE, got '" + c + "'");
            }
            String type = c.substring(colon + 1);
            if (!AthenaTypeSyntax.valid(type)) {
                throw new CommandFailure(
                        "--column "
                                + c
                                + ": '"
                                + type
                                + "' is not an Athena type; use e.g. string, bigint, double,"
                                + " boolean, decimal(38,0), timestamp, array<string>,"
                                + " struct<a:string>");
            }
            cols.put(c.substring(0, colon), type);
        }
        return cols;
    }

    /** --sample TAG=FILE per tag, or FILE alone for the one --tag. */
    private Map<String, Path> sampleFiles() {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String s : samples) {
            int eq = s.indexOf('=');
            String tag = eq > 0 ? s.substring(0, eq) : null;
            if (tag != null && tags.contains(tag)) {
                files.put(tag, Path.of(s.substring(eq + 1)));
            } else if (tags.size() == 1) {
                files.put(tags.get(0), Path.of(s));
            } else if (tag != null) {
                throw new CommandFailure(
                        "--sample "
                                + s
                                + ": "
                                + tag
                                + " is not one of the --tag values ("
                                + String.join(", ", tags)
                                + ")");
            } else {
                throw new CommandFailure(
                        "--sample "
                                + s
                                + ": with several --tag, name the tag: --sample TAG=FILE (tags: "
                                + String.join(", ", tags)
                                + ")");
            }
        }
        return files;
    }

    /** The --sample file's lines, or one line saying why it cannot be read (exit 2). */
    private static List<String> sampleLines(Path sample) throws IOException {
        if (!Files.exists(sample)) {
            throw new CommandFailure(
                    "--sample: "
                            + sample
                            + ": no such file; give a file of JSON lines such as the records you ship");
        }
        if (!Files.isRegularFile(sample) || !Files.isReadable(sample)) {
            throw new CommandFailure("--sample: " + sample + " is not a file this user can read");
        }
        try {
            return Files.readAllLines(sample);
        } catch (MalformedInputException e) {
            throw new CommandFailure("--sample: " + sample + " is not UTF-8 text");
        }
    }
}
