package dev.hakobu.runtime;

/**
 * The exit codes of the {@code hakobu} commands, as docs/operations.md lists them. An operator's mistake
 * exits {@link #MISTAKE} (or, for a role that cannot start, {@link #CANNOT_CREATE} or {@link
 * #CANNOT_LISTEN}) with one line that says what to fix; a stack trace means a bug.
 */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;

    /**
     * The command ran but its work is not complete: {@code agent --once} not caught up in time, {@code replay}
     * timed out or left unreadable chunks, the demo's agent did not catch up. Running it again resumes.
     */
    public static final int INCOMPLETE = 1;

    /**
     * An operator's mistake, reported in one line: an unknown option or a bad value on the command line, an
     * invalid config file, a file named on the command line that is missing or unreadable, a folder the
     * command refuses to use.
     */
    public static final int MISTAKE = 2;

    /**
     * A role cannot start because a directory the config names cannot be created, written or read back
     * (sysexits' EX_CANTCREAT); see {@link StartFailure}.
     */
    public static final int CANNOT_CREATE = 73;

    /** A role cannot start because a port cannot be bound (sysexits' EX_IOERR); see {@link StartFailure}. */
    public static final int CANNOT_LISTEN = 74;

    /** A bug: an exception nothing expected, or a thread of ours that died (sysexits' EX_SOFTWARE). */
    public static final int SOFTWARE = 70;

    private ExitCodes() {}
}
