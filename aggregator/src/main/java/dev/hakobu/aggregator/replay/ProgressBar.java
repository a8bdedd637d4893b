package dev.hakobu.aggregator.replay;

import java.io.PrintStream;

/** A one-line progress bar redrawn in place ({@code \r}); thread-safe. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final int total;
    private int done;
    private long events;

    ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    synchronized void advance(int chunkEvents) {
        done++;
        events += chunkEvents;
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        out.print(
                "\r["
                        + "#".repeat(filled)
                        + " ".repeat(WIDTH - filled)
                        + "] "
                        + done
                        + "/"
                        + total
                        + " chunks, "
                        + events
                        + " events");
        out.flush();
    }

    synchronized void finish() {
        out.println();
    }
}
