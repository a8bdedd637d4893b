package dev.hakobu.agent;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.core.cli.HakobuCommand;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Tail log files and forward them to aggregators. Stops cleanly on SIGTERM.")
public final class AgentCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Agent config (YAML).")
    Path config;

    @Option(names = "--once", description = "Exit once every file is read to its end and acknowledged (backfill).")
    boolean once;

    @Option(names = "--once-timeout", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "With --once: give up after this long (ISO-8601, default ${DEFAULT-VALUE}).")
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
        AgentConfig cfg;
        try {
            cfg = ConfigLoader.fromClasspath().load(config, AgentConfig.class);
        } catch (ConfigException e) {
            e.errors().forEach(System.err::println);
            return 2;
        }
        Agent agent = Agent.start(cfg, Clock.systemUTC(), new SecureRandom());
        if (once) {
            boolean done = agent.awaitCaughtUp(onceTimeout);
            agent.close();
            return done ? 0 : 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "hakobu-shutdown"));
        stopped.await();
        return 0;
    }
}
