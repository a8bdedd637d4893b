package dev.hakobu.runtime;

import java.time.Duration;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/hakobu}. */
@Command(
        name = "hakobu",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description =
                "Hakobu log shipper: tail, forward, buffer, route, mask, and write to S3, Elasticsearch, Kinesis.")
public final class HakobuMain implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code, for tests and for {@link #main}. */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    /**
     * Every command, {@code help} among them; durations as in the YAML files for every {@code Duration} option
     * ({@link DurationConverter}); usage mistakes and operator failures as one line with their exit code
     * ({@link ExitCodes}).
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HakobuMain());
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.addSubcommand(new VersionCommand());
        cl.addSubcommand(new CheckConfigCommand());
        for (HakobuCommand c : ServiceLoader.load(HakobuCommand.class)) {
            cl.addSubcommand(c.command());
        }
        return withLauncherHandling(cl);
    }

    /**
     * {@code hakobu} with only {@code command} (an instance a test built, e.g. with its own environment),
     * converting and reporting as the launcher does: {@code execute("<its name>", args...)}.
     */
    public static CommandLine launcherFor(Object command) {
        CommandLine cl = new CommandLine(new HakobuMain());
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.addSubcommand(command);
        return withLauncherHandling(cl);
    }

    private static CommandLine withLauncherHandling(CommandLine cl) {
        // after the subcommands: picocli applies these to the commands added so far
        cl.registerConverter(Duration.class, new DurationConverter());
        cl.setParameterExceptionHandler(new UsageErrors());
        cl.setExecutionExceptionHandler(new Failures());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
