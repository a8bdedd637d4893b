package dev.hakobu.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A {@code /metrics} answer (Prometheus text format 0.0.4) parsed into families and samples, and the
 * naming rules Hakobu's own families keep: a HELP text, base units in the name, histograms for
 * durations, {@code _total} on counters.
 */
public final class PrometheusScrape {
    /** One family: its {@code # HELP} text and {@code # TYPE}. */
    public record Family(String name, String help, String type) {}

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern UNIT_NOT_BASE =
            Pattern.compile(
                    ".*_(ns|nanoseconds|us|microseconds|ms|milliseconds|kb|mb|kib|mib)(_.*|$)");

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    public PrometheusScrape(String text) {
        Map<String, String> help = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String rest = line.substring(7);
                int sp = rest.indexOf(' ');
                help.put(
                        sp < 0 ? rest : rest.substring(0, sp),
                        sp < 0 ? "" : rest.substring(sp + 1).trim());
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                families.put(parts[0], new Family(parts[0], help.get(parts[0]), parts[1]));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || brace > space) {
            return new Sample(
                    line.substring(0, space),
                    Map.of(),
                    Double.parseDouble(line.substring(space + 1).trim().split(" ")[0]));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        String value = line.substring(i + 1).trim().split(" ")[0];
        return new Sample(line.substring(0, brace), labels, Double.parseDouble(value));
    }

    public Map<String, Family> families() {
        return families;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every sample name (a histogram's {@code _bucket}, {@code _count}, {@code _sum} included). */
    public Set<String> sampleNames() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /**
     * The value of the one sample with this name and exactly these labels.
     *
     * @throws AssertionError if there is none
     */
    public double value(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no sample " + name + labels + " in the scrape"))
                .value();
    }

    public double value(String name) {
        return value(name, Map.of());
    }

    /** The sum of the samples with this name whose labels include {@code labels}. */
    public double sum(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    /**
     * What breaks the naming rules among the families whose name starts with {@code prefix}: an empty
     * HELP, a summary, a duration that is not a histogram in seconds, a unit other than seconds or
     * bytes, a counter without {@code _total}. Empty when all is well.
     */
    public List<String> violations(String prefix) {
        List<String> problems = new ArrayList<>();
        for (Family f : families.values()) {
            String n = f.name();
            if (!n.startsWith(prefix)) {
                continue;
            }
            if (f.help() == null || f.help().isBlank()) {
                problems.add(n + ": no HELP text");
            }
            if (f.type().equals("summary")) {
                problems.add(n + ": a summary (cannot be aggregated across nodes)");
            }
            boolean duration = n.matches(".*_(latency|duration|time|delay|age)(_.*|$)");
            if (duration && !(n.endsWith("_seconds") || n.endsWith("_seconds_max"))) {
                problems.add(n + ": a duration not in seconds");
            }
            if (duration && n.endsWith("_seconds") && !f.type().equals("histogram")) {
                problems.add(n + ": a duration that is a " + f.type() + ", not a histogram");
            }
            if (UNIT_NOT_BASE.matcher(n).matches()) {
                problems.add(n + ": a unit that is not a base unit (seconds, bytes)");
            }
            if (n.contains("_bytes_") && !n.endsWith("_bytes_total")) {
                problems.add(n + ": bytes not at the end of the name");
            }
            if (f.type().equals("counter") && !n.endsWith("_total")) {
                problems.add(n + ": a counter without _total");
            }
        }
        return problems;
    }
}
