package dev.hakobu.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds (user + system) and peak RSS (VmHWM) of a Linux process, from /proc.
 *
 * @param cpuSeconds utime + stime since the process started
 * @param peakRssKib the most resident memory it has had
 */
public record ProcStats(double cpuSeconds, long peakRssKib) {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    /** Reads both numbers of a live process. */
    public static ProcStats of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double cpu =
                (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
                        / TICKS_PER_SECOND; // utime, stime
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new ProcStats(cpu, hwm);
    }
}
