package dev.hakobu.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** How often each {@code "seq":N} arrived in the file output; for a failure message that says which lines. */
final class SeqCounts {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private SeqCounts() {}

    /** Runs of seq numbers seen other than once, e.g. {@code 1200-1299 x0}, at most {@code limit} of them. */
    static List<String> anomalies(Path out, int written, int limit) throws IOException {
        int[] counts = new int[written];
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f :
                    s.filter(
                                    p ->
                                            p.toString().endsWith(".json.gz")
                                                    && !p.getFileName().toString().startsWith("."))
                            .toList()) {
                try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    Matcher m = SEQ.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        int seq = Integer.parseInt(m.group(1));
                        if (seq < written) {
                            counts[seq]++;
                        }
                    }
                }
            }
        }
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < written && runs.size() < limit; ) {
            int j = i;
            while (j < written && counts[j] == counts[i]) {
                j++;
            }
            if (counts[i] != 1) {
                runs.add(i + "-" + (j - 1) + " x" + counts[i]);
            }
            i = j;
        }
        return runs;
    }
}
