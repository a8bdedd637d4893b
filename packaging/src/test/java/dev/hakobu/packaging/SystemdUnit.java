package dev.hakobu.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code [Service]} section of a systemd unit file, read the way systemd reads the settings these
 * tests need: repeated keys add up, {@code Environment=} holds space-separated assignments that may be
 * double-quoted, {@code EnvironmentFile=} (a leading {@code -}: optional) overrides them, {@code
 * StateDirectory=} names folders under {@code /var/lib}, and relative paths in the service resolve
 * against {@code WorkingDirectory=} ({@code /} unless set).
 */
record SystemdUnit(Map<String, List<String>> service) {

    static SystemdUnit read(Path file) throws IOException {
        Map<String, List<String>> service = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[")) {
                section = l;
                continue;
            }
            int eq = l.indexOf('=');
            if (section.equals("[Service]") && eq > 0) {
                service.computeIfAbsent(l.substring(0, eq).strip(), k -> new ArrayList<>())
                        .add(l.substring(eq + 1).strip());
            }
        }
        return new SystemdUnit(service);
    }

    /** Every value of {@code key}, in file order; empty when absent. */
    List<String> values(String key) {
        return service.getOrDefault(key, List.of());
    }

    /** The single value of {@code key}. */
    String value(String key) {
        List<String> v = values(key);
        if (v.size() != 1) {
            throw new AssertionError(key + "= is set " + v.size() + " times: " + v);
        }
        return v.get(0);
    }

    /**
     * The service's environment: {@code Environment=} assignments, then the {@code EnvironmentFile=}
     * files as found under {@code root} (the scratch root the package is installed in), which win.
     */
    Map<String, String> environment(Path root) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String value : values("Environment")) {
            for (String assignment : words(value)) {
                put(env, assignment);
            }
        }
        for (String value : values("EnvironmentFile")) {
            boolean optional = value.startsWith("-");
            Path file = root.resolve(value.substring(optional ? 1 : 0).substring(1));
            if (!Files.exists(file) && optional) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith(";")) {
                    put(env, unquote(l));
                }
            }
        }
        return env;
    }

    /** The folders the service may write: {@code /var/lib/<StateDirectory>} and {@code ReadWritePaths=}. */
    List<Path> writablePaths() {
        List<Path> paths = new ArrayList<>();
        for (String value : values("StateDirectory")) {
            for (String dir : words(value)) {
                paths.add(Path.of("/var/lib", dir.split(":")[0]));
            }
        }
        for (String value : values("ReadWritePaths")) {
            for (String dir : words(value)) {
                paths.add(Path.of(dir.replaceFirst("^[-+]+", "")));
            }
        }
        return paths;
    }

    /** Where a relative path of the service is relative to. */
    Path workingDirectory() {
        List<String> wd = values("WorkingDirectory");
        return Path.of(wd.isEmpty() ? "/" : wd.get(wd.size() - 1).replaceFirst("^-", ""));
    }

    /** The argument after {@code option} in {@code ExecStart=}, e.g. the config file after --config. */
    String execStartArgument(String option) {
        List<String> words = words(value("ExecStart"));
        int i = words.indexOf(option);
        if (i < 0 || i + 1 == words.size()) {
            throw new AssertionError("ExecStart= has no " + option + ": " + words);
        }
        return words.get(i + 1);
    }

    private static void put(Map<String, String> env, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new AssertionError("not NAME=value: " + assignment);
        }
        env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }

    /** Splits on spaces outside double quotes and drops the quotes, as systemd does for these keys. */
    static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(String assignment) {
        int eq = assignment.indexOf('=');
        String v = assignment.substring(eq + 1);
        if (v.length() >= 2
                && (v.startsWith("\"") && v.endsWith("\"")
                        || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        return assignment.substring(0, eq + 1) + v;
    }
}
