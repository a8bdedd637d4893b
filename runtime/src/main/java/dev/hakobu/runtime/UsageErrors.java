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
        if (unmatched != null && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
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

    private static String name(CommandLine command) {
        return command.getParent() == null ? "" : " " + command.getCommandName();
    }
}
