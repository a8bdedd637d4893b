package dev.hakobu.runtime;

/**
 * A command cannot go on because of something the operator can fix (a missing file, a folder it refuses):
 * the launcher prints {@code hakobu <command>: <message>} as one line, no stack trace, and exits with
 * {@link #exitCode()}. The message says what is wrong and what to do.
 */
public final class CommandFailure extends RuntimeException {
    private final int exitCode;

    public CommandFailure(String message) {
        this(ExitCodes.MISTAKE, message);
    }

    public CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
