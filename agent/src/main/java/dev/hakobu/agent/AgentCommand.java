package dev.hakobu.agent;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.runtime.HakobuCommand;
import dev.hakobu.runtime.RoleRunner;
import dev.hakobu.runtime.StartFailure;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description =
                "Tail log files and forward them to aggregators. SIGHUP reloads the config (refused if invalid); SIGTERM stops cleanly.")
public final class AgentCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "Agent config (YAML).")
    Path config;

    @Option(
            names = "--once",
            description = "Exit once every file is read to its end and acknowledged (backfill).")
    boolean once;

    @Option(
            names = "--once-timeout",
            paramLabel = "DURATION",
            defaultValue = "PT10M",
            description =
                    "With --once: give up after this long (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration onceTimeout;

    /** Registers this subcommand with the launcher. */
    public static final class Provider implements HakobuCommand {
        @Override
        public Object command() {
            return new AgentCommand();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!once) {
            return new RoleRunner<>(
                            config,
                            AgentConfig.class,
                            cfg -> Agent.prepare(cfg, Clock.systemUTC(), new SecureRandom()))
                    .run();
        }
        AgentConfig cfg;
        try {
            cfg = ConfigLoader.fromClasspath().load(config, AgentConfig.class);
        } catch (ConfigException e) {
            e.errors().forEach(System.err::println);
            return 2;
        }
        Agent agent;
        try {
            agent = Agent.start(cfg, Clock.systemUTC(), new SecureRandom());
        } catch (StartFailure e) {
            System.err.println("hakobu: " + e.getMessage());
            return e.exitCode();
        }
        boolean done = agent.awaitCaughtUp(onceTimeout);
        agent.close();
        return done ? 0 : 1;
    }
}
