package dev.hakobu.agent;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.config.DurationFormat;
import dev.hakobu.runtime.ExitCodes;
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
            defaultValue = "10m",
            description =
                    "With --once: give up after this long, stopping included, and exit 1 (e.g. 90s, 10m, 1h;"
                            + " default ${DEFAULT-VALUE}). What was not acknowledged is read again on the next run.")
    Duration onceTimeout;

    /** How long after the --once deadline the agent may still take to stop (closing files, sockets). */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

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
        long deadline = System.nanoTime() + onceTimeout.toNanos();
        AgentConfig cfg;
        try {
            cfg = ConfigLoader.fromClasspath().load(config, AgentConfig.class);
        } catch (ConfigException e) {
            e.errors().forEach(System.err::println);
            return ExitCodes.MISTAKE;
        }
        Agent agent;
        try {
            agent = Agent.start(cfg, Clock.systemUTC(), new SecureRandom());
        } catch (StartFailure e) {
            System.err.println("hakobu: " + e.getMessage());
            return e.exitCode();
        }
        boolean done =
                agent.awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (!closeBy(agent, deadline + STOP_GRACE.toNanos())) {
            System.err.println(
                    "agent --once: stopped without waiting for the agent to finish closing (--once-timeout "
                            + DurationFormat.toText(onceTimeout)
                            + " passed); what was not acknowledged is read again on the next run");
        }
        if (!done) {
            System.err.println(
                    "agent --once: not every file was read and acknowledged within "
                            + DurationFormat.toText(onceTimeout)
                            + " (--once-timeout); run again to resume from the saved positions");
        }
        return done ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    /**
     * Closes the agent on its own thread and waits until {@code deadlineNanos} at most: a close that drains
     * chunks to an aggregator that does not answer would otherwise overrun --once-timeout. Leaving then is as
     * safe as a kill: the journal and the positions file are written atomically, and the caller exits.
     *
     * @return whether the close finished in time
     */
    private static boolean closeBy(Agent agent, long deadlineNanos) throws InterruptedException {
        Thread closing = new Thread(agent::close, "hakobu-once-close");
        closing.setDaemon(true);
        closing.start();
        closing.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        return !closing.isAlive();
    }
}
