package dev.hakobu.packaging;

/**
 * One line per fault scenario on standard output,
 * {@code FAULT it=TEST_CLASS scenario=NAME lines=N lost=L duplicated=D [extra]},
 * printed before the test's assertions so a failing run is counted too; {@code bench/run-faults} collects
 * these lines into its summary table.
 */
final class FaultReport {
    private FaultReport() {}

    /**
     * @param distinct   distinct lines found downstream (lost = lines - distinct)
     * @param duplicated copies beyond the first
     * @param extra      more {@code key=value} pairs, or an empty string
     */
    static void print(String scenario, long lines, long distinct, long duplicated, String extra) {
        String it =
                StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                        .getCallerClass()
                        .getSimpleName();
        System.out.printf(
                "FAULT it=%s scenario=%s lines=%d lost=%d duplicated=%d%s%n",
                it,
                scenario,
                lines,
                lines - distinct,
                duplicated,
                extra.isEmpty() ? "" : " " + extra);
    }
}
