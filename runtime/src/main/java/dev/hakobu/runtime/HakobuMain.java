package dev.hakobu.runtime;

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

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HakobuMain());
        cl.addSubcommand(new VersionCommand());
        cl.addSubcommand(new CheckConfigCommand());
        for (HakobuCommand c : ServiceLoader.load(HakobuCommand.class)) {
            cl.addSubcommand(c.command());
        }
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
