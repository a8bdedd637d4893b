package dev.hakobu.runtime;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse: one line naming the mistake, where to read the usage, exit 2. An
 * unknown option is reported as unknown, with the closest known one, even when a required option is missing
 * too ({@code agent --conf x} means a mistyped {@code --config}, not a missing one).
 */
final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        String message = ex.getMessage();
        List<String> unknown = unknownOptions(command.getCommandSpec(), args);
        UnmatchedArgumentException unmatched =
                ex instanceof UnmatchedArgumentException u
                        ? u
                        : unknown.isEmpty()
                                ? null
                                : new UnmatchedArgumentException(command, unknown);
        if (unmatched != null && !(ex instanceof UnmatchedArgumentException)) {
            message = "Unknown option: '" + unknown.get(0) + "'";
        }
        if (ex instanceof UnmatchedArgumentException u
                && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")
                && !command.getSubcommands().isEmpty()) {
            message = "Unknown command: '" + u.getUnmatched().get(0) + "'";
        }
        if (unmatched != null && !unmatched.getUnmatched().isEmpty()) {
            String typed = unmatched.getUnmatched().get(0);
            List<String> close =
                    unmatched.getSuggestions().stream().filter(s -> isClose(typed, s)).toList();
            if (!close.isEmpty()) {
                message += " (did you mean " + String.join(" or ", close) + "?)";
            }
        }
        err.println(
                "hakobu"
                        + name(command)
                        + ": "
                        + message
                        + "; see 'hakobu"
                        + name(command)
                        + " --help'");
        err.flush();
        return ExitCodes.MISTAKE;
    }

    /** The arguments that look like options this command does not have. */
    private static List<String> unknownOptions(CommandSpec spec, String[] args) {
        List<String> unknown = new ArrayList<>();
        boolean options = true;
        for (String arg : args) {
            if (arg.equals("--")) {
                options = false;
            }
            if (!options || !arg.startsWith("-") || arg.equals("-")) {
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (spec.findOption(name) == null && !isParentOption(spec, name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private static boolean isParentOption(CommandSpec spec, String name) {
        for (CommandSpec parent = spec.parent(); parent != null; parent = parent.parent()) {
            if (parent.findOption(name) != null) {
                return true;
            }
        }
        return false;
    }

    /** A suggestion worth printing: a typo away (picocli suggests the nearest names, however far). */
    static boolean isClose(String typed, String known) {
        return distance(typed, known) <= Math.max(2, known.length() / 3);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String name(CommandLine command) {
        return command.getParent() == null ? "" : " " + command.getCommandName();
    }
}
