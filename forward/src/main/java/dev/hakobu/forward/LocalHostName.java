package dev.hakobu.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * This machine's host name, the default {@code self_hostname} of the handshake. Read from the system
 * ({@link InetAddress#getLocalHost()}), else from {@code /etc/hostname}, else {@code localhost}: no
 * environment variable is needed (systemd sets no {@code HOSTNAME}).
 */
final class LocalHostName {
    private static final String NAME =
            of(() -> InetAddress.getLocalHost().getHostName(), Path.of("/etc/hostname"));

    private LocalHostName() {}

    /** The host name, looked up once per process. */
    static String get() {
        return NAME;
    }

    /**
     * The first non-empty name of: {@code system}, the first line of {@code hostnameFile}, {@code
     * localhost}. {@code getLocalHost} fails when the name does not resolve; the file still has it.
     */
    static String of(Callable<String> system, Path hostnameFile) {
        try {
            String name = system.call();
            if (name != null && !name.isBlank()) {
                return name.strip();
            }
        } catch (Exception e) {
            // the name does not resolve: the file still has it
        }
        return firstLine(hostnameFile).orElse("localhost");
    }

    private static Optional<String> firstLine(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
