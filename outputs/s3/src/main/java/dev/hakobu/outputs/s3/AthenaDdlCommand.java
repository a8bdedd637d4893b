package dev.hakobu.outputs.s3;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.config.TypeRegistry;
import dev.hakobu.output.OutputsConfig;
import dev.hakobu.runtime.CommandFailure;
import dev.hakobu.runtime.HakobuCommand;
import dev.hakobu.runtime.RoleConfig;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
            paramLabel = "FILE",
            description = "JSON lines to infer column types from.")
    Path sample;

    @Option(
            names = "--column",
            paramLabel = "NAME:TYPE",
            description = "A column and its Athena type (repeatable); overrides --sample.")
    List<String> columns = List.of();

    @Option(
            names = "--since",
            paramLabel = "YYYY-MM-DD",
            defaultValue = "2020-01-01",
            description = "Start of the dt projection range (default ${DEFAULT-VALUE}).")
    String since;

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
        Record cfg = ConfigLoader.fromClasspath().load(file, (Class<? extends Record>) root);
        return (OutputsConfig) cfg;
    }

    @Override
    public Integer call() throws Exception {
        OutputsConfig cfg;
        try {
            cfg = aggregatorConfig(config);
        } catch (ConfigException e) {
            e.errors().forEach(System.err::println);
            return 2;
        }
        Map<String, String> cols = new LinkedHashMap<>();
        if (sample != null) {
            cols.putAll(AthenaColumns.infer(sampleLines()));
        }
        for (String c : columns) {
            int colon = c.indexOf(':');
            if (colon <= 0) {
                System.err.println("hakobu athena-ddl: --column wants NAME:TYPE, got '" + c + "'");
                return 2;
            }
            cols.put(c.substring(0, colon), c.substring(colon + 1));
        }
        if (cols.isEmpty()) {
            System.err.println(
                    "hakobu athena-ddl: give --sample FILE or --column NAME:TYPE (a table needs columns)");
            return 2;
        }
        int tables = 0;
        for (var output : cfg.outputs().entrySet()) {
            if (output.getValue() instanceof S3OutputConfig s3) {
                for (String tag : tags) {
                    String ddl;
                    try {
                        ddl = AthenaDdl.createTable(s3, tag, cols, since);
                    } catch (IllegalArgumentException e) {
                        System.err.println(
                                "hakobu athena-ddl: outputs."
                                        + output.getKey()
                                        + "."
                                        + e.getMessage());
                        return 2;
                    }
                    System.out.println("-- output '" + output.getKey() + "', tag " + tag);
                    System.out.println(ddl);
                    tables++;
                }
            }
        }
        if (tables == 0) {
            System.err.println("hakobu athena-ddl: " + config + " has no s3 outputs");
            return 2;
        }
        return 0;
    }

    /** The --sample file's lines, or one line saying why it cannot be read (exit 2). */
    private List<String> sampleLines() throws IOException {
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
