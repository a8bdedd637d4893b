package dev.hakobu.aggregator;

import dev.hakobu.runtime.HakobuMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of the {@code hakobu} command line in this JVM: its exit code and what it printed. */
record CliRun(int exit, String out, String err) {
    /** Runs {@code args} with stdout and stderr captured (tests of one class run one at a time). */
    static CliRun of(List<String> args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = HakobuMain.run(args.toArray(String[]::new));
            return new CliRun(
                    exit,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }
}
