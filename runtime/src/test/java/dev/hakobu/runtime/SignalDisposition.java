package dev.hakobu.runtime;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process ignores SIGHUP (Linux's /proc/self/status, SigIgn bit 0). A process started under
 * {@code nohup} ignores it, its children inherit that, and the JVM then installs no handler for it: a
 * reload by signal cannot work there, and tests of it are skipped rather than failed.
 */
public final class SignalDisposition {
    private SignalDisposition() {}

    public static boolean hangupIgnored() {
        Path status = Path.of("/proc/self/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    return new BigInteger(line.substring("SigIgn:".length()).trim(), 16).testBit(0);
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
