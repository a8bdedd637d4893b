package dev.hakobu.demo;

import dev.hakobu.agent.Agent;
import dev.hakobu.agent.AgentConfig;
import dev.hakobu.aggregator.Aggregator;
import dev.hakobu.aggregator.AggregatorConfig;
import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.config.TypeRegistry;
import dev.hakobu.runtime.CommandFailure;
import dev.hakobu.runtime.ExitCodes;
import dev.hakobu.runtime.HakobuCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Run an aggregator writing to a local folder and an agent tailing the sample logs, then list the files written.")
public final class DemoCommand implements Callable<Integer> {
    private static final String MARKER = ".hakobu-demo";

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description =
                    "Folder of *.log (JSON) and *.ltsv files; default: src-test-data/sample of this checkout.")
    Path input;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "hakobu-demo-out",
            description = "Where the files go (default: ${DEFAULT-VALUE}); emptied first.")
    Path out;

    /** Registers this subcommand with the launcher. */
    public static final class Provider implements HakobuCommand {
        @Override
        public Object command() {
            return new DemoCommand();
        }
    }

    @Override
    public Integer call() throws Exception {
        Path samples = input != null ? input : findSamples();
        if (samples == null) {
            throw new CommandFailure(
                    "cannot find src-test-data/sample above "
                            + Path.of("").toAbsolutePath()
                            + "; pass --input DIR");
        }
        if (!Files.isDirectory(samples)) {
            throw new CommandFailure(
                    "--input: "
                            + samples
                            + " is not a folder; give the folder of *.log and *.ltsv files");
        }
        Path outDir = prepareOut(out.toAbsolutePath());
        Path state = Files.createTempDirectory("hakobu-demo-state");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DEMO_OUT", outDir.toString());
        env.put("DEMO_STATE", state.toString());
        env.put("DEMO_INPUT", samples.toAbsolutePath().toString());
        ConfigLoader loader = new ConfigLoader(TypeRegistry.fromClasspath(), env);
        try (Aggregator aggregator =
                Aggregator.start(
                        load(loader, env, "aggregator.yaml", AggregatorConfig.class),
                        Clock.systemUTC(),
                        new SecureRandom())) {
            env.put("DEMO_PORT", Integer.toString(aggregator.address().getPort()));
            loader = new ConfigLoader(TypeRegistry.fromClasspath(), env);
            try (Agent agent =
                    Agent.start(
                            load(loader, env, "agent.yaml", AgentConfig.class),
                            Clock.systemUTC(),
                            new SecureRandom())) {
                if (!agent.awaitCaughtUp(Duration.ofSeconds(60))) {
                    System.err.println("hakobu demo: the agent did not catch up within 60 s");
                    return ExitCodes.INCOMPLETE;
                }
            }
        }
        report(samples, outDir);
        return 0;
    }

    private static <T extends Record> T load(
            ConfigLoader loader, Map<String, String> env, String name, Class<T> type)
            throws IOException, ConfigException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            return loader.load(
                    "demo/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8), type);
        }
    }

    private static Path findSamples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("src-test-data/sample");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Empties the folder only if it is empty or an earlier demo's (it has our marker).
     *
     * @throws CommandFailure when it is someone else's folder, or not a folder
     */
    private static Path prepareOut(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CommandFailure("--out: " + dir + " is a file; give a folder");
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER))) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new CommandFailure(
                            "--out: "
                                    + dir
                                    + " holds files the demo did not write, and the demo empties its"
                                    + " folder first; pass another --out");
                }
            }
        }
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(dir);
        Files.createFile(dir.resolve(MARKER));
        return dir;
    }

    private static void report(Path samples, Path outDir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(outDir)) {
            files = s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
        }
        System.out.println(
                "Tailed "
                        + samples
                        + " and wrote "
                        + files.size()
                        + " files under "
                        + outDir
                        + ":");
        for (Path f : files) {
            System.out.println("  " + outDir.relativize(f) + "  (" + countLines(f) + " lines)");
        }
        System.out.println("Read them back with: zcat " + outDir + "/*/dt=*/*.json.gz");
    }

    private static long countLines(Path gz) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count();
        }
    }
}
