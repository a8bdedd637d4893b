package dev.hakobu.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Counts what the file output holds: every line carries {@code "seq":N} and {@code "timestamp"};
 * each N should appear exactly once, in the dt= folder of its timestamp's date in {@code zone}, and
 * no line may still hold the writer's secret token.
 * Temporary files (dot-prefixed, not yet renamed into place) are ignored.
 */
record OutputScan(int distinct, int duplicates, int misplaced, int leakedSecrets) {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern TS = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

    /** The finished files; a temporary file renamed away during the walk makes us walk again. */
    private static List<Path> list(Path out) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> s = Files.walk(out)) {
                return s.filter(
                                p ->
                                        p.getFileName().toString().endsWith(".json.gz")
                                                && !p.getFileName().toString().startsWith("."))
                        .toList();
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 10) {
                    throw e.getCause();
                }
            }
        }
    }

    static OutputScan of(Path out, ZoneId zone) throws IOException {
        BitSet seen = new BitSet();
        int distinct = 0;
        int duplicates = 0;
        int misplaced = 0;
        int leaked = 0;
        if (!Files.isDirectory(out)) {
            return new OutputScan(0, 0, 0, 0);
        }
        List<Path> files = list(out);
        for (Path f : files) {
            String dt = f.getParent().getFileName().toString();
            String text;
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // replaced by a resent chunk while we listed
            }
            for (String line : text.split("\n")) {
                Matcher seq = SEQ.matcher(line);
                Matcher ts = TS.matcher(line);
                if (!seq.find() || !ts.find()) {
                    throw new AssertionError("unexpected line in " + f + ": " + line);
                }
                if (line.contains(LineWriter.SECRET)) {
                    leaked++;
                }
                int i = Integer.parseInt(seq.group(1));
                if (seen.get(i)) {
                    duplicates++;
                } else {
                    seen.set(i);
                    distinct++;
                }
                LocalDate date =
                        Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(ts.group(1)))
                                .atZone(zone)
                                .toLocalDate();
                if (!dt.equals("dt=" + date)) {
                    misplaced++;
                }
            }
        }
        return new OutputScan(distinct, duplicates, misplaced, leaked);
    }
}
