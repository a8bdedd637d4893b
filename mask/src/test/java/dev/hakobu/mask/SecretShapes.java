package dev.hakobu.mask;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates values of story S1's {@code parameter} field with secrets ({@code token}, {@code password})
 * in every position and every shape an app or an attacker may write them: query strings (leading
 * {@code ?} or a path, {@code &} and {@code ;}, names in any case, percent-encoded once or twice, padded
 * with whitespace, {@code +} or {@code %20}, with brackets; values unencoded or encoded; fragments),
 * JSON objects as msgpack maps, JSON texts, JSON in JSON, lists of all these, binary. Each case knows its
 * secrets (markers that must not survive) and the text of the other parameters (which must). Seeded.
 */
final class SecretShapes {
    private static final String[] SECRET_NAMES = {"token", "password"};
    private static final String[] PLAIN_NAMES = {
        "name", "camera_id", "x", "q", "lang", "page", "redirect", "user"
    };
    private static final String ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final SplittableRandom random;
    private int serial;

    SecretShapes(SplittableRandom random) {
        this.random = random;
    }

    /** One generated field value: its secrets must be gone after masking, its kept texts still there. */
    record Case(String form, Object parameter, List<String> secrets, List<String> kept) {}

    Case next() {
        List<String> secrets = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        return switch (random.nextInt(8)) {
            case 0, 1 -> query(parts(secrets, kept, true), secrets, kept, false);
            case 2 -> query(parts(secrets, kept, true), secrets, kept, true);
            case 3 -> new Case("msgpack map", object(secrets, kept, 0), secrets, kept);
            case 4 -> new Case("JSON text", json(object(secrets, kept, 0)), secrets, kept);
            case 5 ->
                    new Case(
                            "JSON in a JSON string",
                            json(json(object(secrets, kept, 0))),
                            secrets,
                            kept);
            case 6 ->
                    new Case(
                            "list",
                            List.of(
                                    render(parts(secrets, kept, false)),
                                    object(secrets, kept, 1),
                                    json(object(secrets, kept, 1))),
                            secrets,
                            kept);
            default -> {
                List<String> parts = parts(secrets, kept, false);
                // JSON in a parameter, raw or encoded: what it holds is not checked for being kept,
                // since
                // a raw '&' inside it splits it, and a masked value then takes the rest of its
                // piece along
                String data = json(object(secrets, new ArrayList<>(), 1));
                parts.add(
                        separator()
                                + "data="
                                + (random.nextBoolean() ? data : Percent.encode(data)));
                yield query(parts, secrets, kept, false);
            }
        };
    }

    static Case query(List<String> parts, List<String> secrets, List<String> kept, boolean binary) {
        String q = render(parts);
        return new Case(
                binary ? "binary query" : "query",
                binary ? q.getBytes(StandardCharsets.UTF_8) : q,
                secrets,
                kept);
    }

    static String render(List<String> parts) {
        return String.join("", parts);
    }

    /** A query string: optional prefix, pairs joined by '&' or ';', optional fragment. */
    List<String> parts(List<String> secrets, List<String> kept, boolean fragment) {
        List<String> parts = new ArrayList<>();
        parts.add(
                switch (random.nextInt(4)) {
                    case 0 -> "?";
                    case 1 -> "/api/x" + serial++ + "?";
                    default -> "";
                });
        int n = random.nextInt(1, 8);
        for (int i = 0; i < n; i++) {
            String sep = i == 0 ? "" : separator();
            int kind = random.nextInt(10);
            if (kind < 4) {
                String value = secretValue();
                secrets.add(value.isEmpty() ? null : marker(value));
                parts.add(
                        sep
                                + secretName()
                                + "="
                                + (random.nextInt(3) == 0 ? Percent.encode(value) : value));
            } else if (kind < 9) {
                String pair = PLAIN_NAMES[random.nextInt(PLAIN_NAMES.length)] + "=" + plainValue();
                kept.add(pair);
                parts.add(sep + pair);
            } else {
                parts.add(
                        sep
                                + "flag"
                                + random.nextInt(
                                        10)); // a bare word: no value, nothing to keep or mask
            }
        }
        if (fragment && random.nextInt(4) == 0) {
            String value = secretValue();
            secrets.add(value.isEmpty() ? null : marker(value));
            parts.add("#" + secretName() + "=" + value);
        }
        secrets.removeIf(s -> s == null);
        return parts;
    }

    /** A JSON object with secret members (string, number or nested secret values) and plain ones (text, queries, objects). */
    Map<String, Object> object(List<String> secrets, List<String> kept, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = random.nextInt(1, 6);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) == 0) {
                String marker = "Zq" + chars(ALNUM, 10);
                secrets.add(marker);
                Object value =
                        switch (random.nextInt(4)) {
                            case 0 ->
                                    Long.parseLong(
                                            "9"
                                                    + (random.nextLong(1_000_000_000_000L)
                                                            + 1_000_000_000_000L));
                            case 1 -> List.of(marker, Map.of("inner", marker));
                            default -> marker;
                        };
                if (value instanceof Long number) {
                    secrets.set(secrets.size() - 1, number.toString());
                }
                m.put(secretName(), value);
            } else if (depth < 3 && random.nextInt(4) == 0) {
                m.put(
                        "nested" + serial++,
                        random.nextBoolean()
                                ? object(secrets, kept, depth + 1)
                                : List.of(object(secrets, kept, depth + 1)));
            } else if (random.nextBoolean()) {
                m.put("query" + serial++, render(parts(secrets, kept, true)));
            } else {
                String value = "keep" + chars(ALNUM, 8);
                kept.add(value);
                m.put("plain" + serial++, value);
            }
        }
        return m;
    }

    private String separator() {
        return random.nextInt(4) == 0 ? ";" : "&";
    }

    /** {@code token} or {@code password} as an app or an attacker may write it. */
    String secretName() {
        String name = SECRET_NAMES[random.nextInt(SECRET_NAMES.length)];
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            char cased = random.nextBoolean() ? Character.toUpperCase(c) : c;
            b.append(
                    switch (random.nextInt(12)) {
                        case 0 ->
                                String.format(
                                        random.nextBoolean() ? "%%%02X" : "%%%02x", (int) cased);
                        case 1 -> String.format("%%25%02X", (int) cased);
                        default -> String.valueOf(cased);
                    });
        }
        String shaped = b.toString();
        shaped =
                switch (random.nextInt(10)) {
                    case 0 -> shaped + "[]";
                    case 1 -> shaped + "[k" + random.nextInt(3) + "]";
                    case 2 -> "user[" + shaped + "]";
                    default -> shaped;
                };
        String[] pads = {"", "", "", "", " ", "\t", "+", "%20", "\n"};
        return pads[random.nextInt(pads.length)] + shaped + pads[random.nextInt(pads.length)];
    }

    /** A secret value around a unique marker, sometimes with characters a careless app leaves unencoded; sometimes empty. */
    private String secretValue() {
        if (random.nextInt(20) == 0) {
            return "";
        }
        String careless = "=/:?# +日本é\"'{}[]";
        return chars(careless, random.nextInt(3))
                + "Zq"
                + chars(ALNUM, 10)
                + chars(careless, random.nextInt(3));
    }

    private String plainValue() {
        return "keep" + chars(ALNUM, 6) + chars("-._~/:日本", random.nextInt(3));
    }

    /** The marker inside a secret value: what must not survive. */
    private static String marker(String value) {
        int at = value.indexOf("Zq");
        return at < 0 ? null : value.substring(at, at + 12);
    }

    private String chars(String from, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(from.charAt(random.nextInt(from.length())));
        }
        return b.toString();
    }

    /** JSON text of maps, lists, strings and numbers. */
    static String json(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach(
                    (k, x) ->
                            b.append(b.length() > 1 ? "," : "")
                                    .append(json(String.valueOf(k)))
                                    .append(':')
                                    .append(json(x)));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(x -> b.append(b.length() > 1 ? "," : "").append(json(x)));
            return b.append(']').toString();
        }
        if (v instanceof String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default ->
                            b.append(
                                    c < 0x20
                                            ? String.format("\\u%04x", (int) c)
                                            : String.valueOf(c));
                }
            }
            return b.append('"').toString();
        }
        return String.valueOf(v);
    }
}
