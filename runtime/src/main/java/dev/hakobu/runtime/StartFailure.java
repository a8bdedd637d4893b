package dev.hakobu.runtime;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A start refused for a reason the operator can fix: the message is one line (what, which directory,
 * file or port, what to do) and {@link #exitCode()} is the process's exit code, one of those listed in
 * {@link RoleRunner}. Nothing of the refused instance is left running or held when this is thrown out of
 * {@link RoleRunner.Instance#start} and the runner closed it.
 */
public final class StartFailure extends Exception {
    /** Invalid config or usage, a file the config names cannot be read, or a directory lock is held. */
    public static final int CONFIG = ExitCodes.MISTAKE;

    /**
     * A directory the config names cannot be created, written or read back (what it holds at start: the
     * agent's journal and positions, the aggregator's buffers); sysexits' EX_CANTCREAT.
     */
    public static final int CANNOT_CREATE = ExitCodes.CANNOT_CREATE;

    /** A port cannot be bound: in use, not a local address, no permission (sysexits' EX_IOERR). */
    public static final int IO = ExitCodes.CANNOT_LISTEN;

    private final int exitCode;

    public StartFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Another process (or another instance in this one) holds the lock of {@code dir}. */
    public static StartFailure lockHeld(String key, Path dir, String holderPid) {
        return new StartFailure(
                CONFIG,
                dir
                        + " is in use by another hakobu process (pid "
                        + holderPid
                        + "); each agent and aggregator needs its own "
                        + key,
                null);
    }

    /** {@code dir}, named by {@code key}, cannot be created, written or locked. */
    public static StartFailure directory(String key, Path dir, IOException cause) {
        return new StartFailure(
                CANNOT_CREATE,
                "cannot use "
                        + dir
                        + " ("
                        + key
                        + "): "
                        + fileInTheWay(dir)
                                .map(f -> f + " is a file, not a directory")
                                .orElse(reason(cause))
                        + "; make it a directory the service user can write, or point "
                        + key
                        + " elsewhere",
                cause);
    }

    /**
     * A listener named by {@code key} cannot be bound.
     *
     * @param cause its message names the address (the servers' own bind errors do)
     */
    public static StartFailure cannotListen(String key, IOException cause) {
        return new StartFailure(
                IO,
                cause.getMessage()
                        + "; stop what uses the port or change "
                        + key
                        + " (bind and port)",
                cause);
    }

    /** A file the config names (TLS certificate, key, CA), under {@code key}, cannot be read. */
    public static StartFailure unreadableFile(String key, Throwable cause) {
        String reason = cause.getMessage();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f) {
                reason = reason(f);
                break;
            }
        }
        return new StartFailure(
                CONFIG,
                "cannot read the files of "
                        + key
                        + ": "
                        + reason
                        + "; fix the path or the file's permissions",
                cause);
    }

    /** The first of {@code dir} and its parents that exists and is not a directory. */
    private static Optional<Path> fileInTheWay(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A readable reason for a file system error, without the exception's class name. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + ((FileSystemException) e).getFile();
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return ((FileSystemException) e).getFile() + " is a file, not a directory";
        }
        if (e instanceof NoSuchFileException) {
            return ((FileSystemException) e).getFile() + " does not exist";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
