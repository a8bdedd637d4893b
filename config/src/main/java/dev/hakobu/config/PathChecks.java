package dev.hakobu.config;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link WritableDirectory} and {@link ReadableFile} promise, checked against the file system as this user
 * sees it now. Nothing is created: a missing directory is judged by its nearest existing ancestor.
 */
final class PathChecks {
    private PathChecks() {}

    /** The problem with {@code value} for {@code component}'s annotation, if it has one and there is one. */
    static Optional<String> problem(RecordComponent component, Object value) {
        Object unwrapped = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        if (!(unwrapped instanceof Path path)) {
            return Optional.empty();
        }
        if (component.isAnnotationPresent(WritableDirectory.class)) {
            return writableDirectory(path);
        }
        if (component.isAnnotationPresent(ReadableFile.class)) {
            return readableFile(path);
        }
        return Optional.empty();
    }

    static Optional<String> writableDirectory(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return Files.isWritable(absolute)
                    ? Optional.empty()
                    : Optional.of(
                            path + " is not writable by user " + user() + "; " + remedy(absolute));
        }
        if (Files.exists(absolute)) {
            return Optional.of(path + " is a file, not a directory; choose a directory");
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return Optional.of(path + " cannot be created: no part of it exists");
        }
        if (!Files.isDirectory(ancestor)) {
            return Optional.of(
                    path
                            + " cannot be created: "
                            + ancestor
                            + " is a regular file, not a directory; choose another directory");
        }
        if (!Files.isWritable(ancestor)) {
            return Optional.of(
                    path
                            + " does not exist and cannot be created: "
                            + ancestor
                            + " is not writable by user "
                            + user()
                            + "; "
                            + remedy(ancestor));
        }
        return Optional.empty();
    }

    static Optional<String> readableFile(Path path) {
        if (!Files.exists(path)) {
            return Optional.of(path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            return Optional.of(path + " is a directory; name the file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of(
                    path
                            + " is not readable by user "
                            + user()
                            + "; give that user read access (e.g. group hakobu, mode 0640)");
        }
        return Optional.empty();
    }

    private static String remedy(Path directory) {
        return "let that user write "
                + directory
                + " (chown, or ReadWritePaths= under systemd)"
                + " or choose a directory it may write";
    }

    private static String user() {
        return System.getProperty("user.name");
    }
}
