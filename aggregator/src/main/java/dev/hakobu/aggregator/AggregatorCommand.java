package dev.hakobu.aggregator;

import dev.hakobu.runtime.HakobuCommand;
import dev.hakobu.runtime.RoleRunner;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "aggregator",
        mixinStandardHelpOptions = true,
        description =
                "Receive Forward-protocol traffic, route it by tag and write it to outputs. SIGHUP reloads the config (refused if invalid); SIGTERM stops cleanly.")
public final class AggregatorCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "Aggregator config (YAML).")
    Path config;

    /** Registers this subcommand with the launcher. */
    public static final class Provider implements HakobuCommand {
        @Override
        public Object command() {
            return new AggregatorCommand();
        }
    }

    @Override
    public Integer call() throws Exception {
        return new RoleRunner<>(
                        config,
                        AggregatorConfig.class,
                        cfg -> Aggregator.prepare(cfg, Clock.systemUTC(), new SecureRandom()))
                .run();
    }
}
