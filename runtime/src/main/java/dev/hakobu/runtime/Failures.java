package dev.hakobu.runtime;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What a command threw: an operator's mistake ({@link CommandFailure}, or a file the operator named that
 * cannot be used) is one line and its exit code; anything else is a bug, printed with its stack trace, exit
 * {@link ExitCodes#SOFTWARE}.
 */
final class Failures implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
        String prefix =
                command.getParent() == null ? "hakobu" : "hakobu " + command.getCommandName();
        if (ex instanceof CommandFailure failure) {
            command.getErr().println(prefix + ": " + failure.getMessage());
            command.getErr().flush();
            return failure.exitCode();
        }
        FileSystemException file =
                ex instanceof FileSystemException direct
                        ? direct
                        : ex instanceof UncheckedIOException wrapper
                                        && wrapper.getCause() instanceof FileSystemException cause
                                ? cause
                                : null;
        if (file != null) {
            command.getErr().println(prefix + ": " + describe(file));
            command.getErr().flush();
            return ExitCodes.MISTAKE;
        }
        ex.printStackTrace(command.getErr());
        command.getErr().flush();
        return ExitCodes.SOFTWARE;
    }

    /** {@code /x/y: no such file}, as an operator reads it. */
    static String describe(FileSystemException e) {
        String what =
                e instanceof NoSuchFileException
                        ? "no such file or directory"
                        : e instanceof AccessDeniedException
                                ? "permission denied for user " + System.getProperty("user.name")
                                : e instanceof NotDirectoryException
                                        ? "not a directory"
                                        : e.getReason() != null
                                                ? e.getReason()
                                                : e.getClass().getSimpleName();
        return (e.getFile() != null ? e.getFile() + ": " : "")
                + what
                + (e.getOtherFile() != null ? " (" + e.getOtherFile() + ")" : "");
    }
}
