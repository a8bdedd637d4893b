package dev.hakobu.outputs.key;

import dev.hakobu.output.Partitioner;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * A key template such as {@code logs/${tag}/dt=%Y-%m-%d/${node}-${chunk_id}.json.gz}.
 *
 * <p>Placeholders: {@code ${tag}}, {@code ${tag[N]}} (N-th dot-separated part, 0-based),
 * {@code ${node}}, {@code ${chunk_id}}; time: {@code %Y %m %d %H %M %S} of the <em>event</em> time in
 * the template's zone, and {@code %%}. Immutable and thread-safe.
 */
public final class KeyTemplate {
    private sealed interface Part permits Literal, Tag, TagPart, Node, ChunkId, TimeField {}

    private record Literal(String text) implements Part {}

    private record Tag() implements Part {}

    private record TagPart(int index) implements Part {}

    private record Node() implements Part {}

    private record ChunkId() implements Part {}

    private record TimeField(char letter) implements Part {}

    private final String source;
    private final List<Part> parts;
    private final ZoneId zone;
    private final ZoneRules rules;

    /** Length in seconds of the finest time field the template uses; 0 when it uses none. */
    private final long bucketSeconds;

    private KeyTemplate(String source, List<Part> parts, ZoneId zone) {
        this.source = source;
        this.parts = parts;
        this.zone = zone;
        this.rules = zone.getRules();
        this.bucketSeconds =
                parts.stream()
                        .mapToLong(
                                p ->
                                        p instanceof TimeField t
                                                ? seconds(t.letter())
                                                : Long.MAX_VALUE)
                        .min()
                        .stream()
                        .filter(s -> s != Long.MAX_VALUE)
                        .findFirst()
                        .orElse(0);
    }

    private static long seconds(char letter) {
        return switch (letter) {
            case 'S' -> 1;
            case 'M' -> 60;
            case 'H' -> 3600;
            default -> 86_400; // %d, %m and %Y all change only when the local day does
        };
    }

    /** @throws IllegalArgumentException naming the unknown placeholder or time letter */
    public static KeyTemplate parse(String template, ZoneId zone) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length()) {
                char letter = template.charAt(++i);
                if (letter == '%') {
                    literal.append('%');
                    continue;
                }
                if ("YmdHMS".indexOf(letter) < 0) {
                    throw new IllegalArgumentException(
                            "unknown time field %"
                                    + letter
                                    + " in '"
                                    + template
                                    + "' (use %Y %m %d %H %M %S)");
                }
                flush(literal, parts);
                parts.add(new TimeField(letter));
            } else if (c == '$' && template.startsWith("${", i)) {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed ${ in '" + template + "'");
                }
                flush(literal, parts);
                parts.add(placeholder(template.substring(i + 2, close), template));
                i = close;
            } else {
                literal.append(c);
            }
        }
        flush(literal, parts);
        return new KeyTemplate(template, List.copyOf(parts), zone);
    }

    private static Part placeholder(String name, String template) {
        if (name.equals("tag")) {
            return new Tag();
        }
        if (name.equals("node")) {
            return new Node();
        }
        if (name.equals("chunk_id")) {
            return new ChunkId();
        }
        if (name.matches("tag\\[\\d+]")) {
            return new TagPart(Integer.parseInt(name.substring(4, name.length() - 1)));
        }
        throw new IllegalArgumentException(
                "unknown placeholder ${"
                        + name
                        + "} in '"
                        + template
                        + "' (use ${tag}, ${tag[N]}, ${node}, ${chunk_id})");
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    /** The key for an event at {@code eventEpochSecond}. */
    public String render(String tag, String node, String chunkId, long eventEpochSecond) {
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(eventEpochSecond), zone);
        StringBuilder out = new StringBuilder(96);
        String[] tagParts = null;
        for (Part p : parts) {
            if (p instanceof Literal l) {
                out.append(l.text());
            } else if (p instanceof Tag) {
                out.append(tag);
            } else if (p instanceof TagPart tp) {
                tagParts = tagParts == null ? tag.split("\\.") : tagParts;
                out.append(tp.index() < tagParts.length ? tagParts[tp.index()] : "_");
            } else if (p instanceof Node) {
                out.append(node);
            } else if (p instanceof ChunkId) {
                out.append(chunkId);
            } else if (p instanceof TimeField f) {
                appendTime(out, f.letter(), t);
            }
        }
        return out.toString();
    }

    private static void appendTime(StringBuilder out, char letter, ZonedDateTime t) {
        switch (letter) {
            case 'Y' -> out.append(t.getYear());
            case 'm' -> pad(out, t.getMonthValue());
            case 'd' -> pad(out, t.getDayOfMonth());
            case 'H' -> pad(out, t.getHour());
            case 'M' -> pad(out, t.getMinute());
            default -> pad(out, t.getSecond());
        }
    }

    private static void pad(StringBuilder out, int v) {
        if (v < 10) {
            out.append('0');
        }
        out.append(v);
    }

    /**
     * Events whose epoch seconds share this bucket render to the same key, so callers can cache by it:
     * the local day, hour, minute or second (the template's finest time field) counted in local time,
     * so it is right for any offset and across daylight-saving changes. Profiling showed keys rendered
     * for nearly every event when buckets were minutes and a day-partitioned chunk spread over an hour.
     */
    public long timeBucket(long eventEpochSecond) {
        if (bucketSeconds == 0) {
            return 0;
        }
        long local =
                eventEpochSecond
                        + rules.getOffset(Instant.ofEpochSecond(eventEpochSecond))
                                .getTotalSeconds();
        return Math.floorDiv(local, bucketSeconds);
    }

    /**
     * Whether every instant from {@code fromSecond} to {@code toSecond} renders the same key: both ends
     * in one bucket and no offset change in between (local time only runs monotonically between
     * transitions, so then nothing in between can leave the bucket).
     */
    public boolean oneBucket(long fromSecond, long toSecond) {
        if (bucketSeconds == 0) {
            return true;
        }
        if (fromSecond > toSecond || timeBucket(fromSecond) != timeBucket(toSecond)) {
            return false;
        }
        ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(fromSecond));
        return next == null || next.getInstant().getEpochSecond() > toSecond;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return source;
    }

    /**
     * The partitions of this template: keys rendered without node and chunk id (so one buffer chunk
     * becomes one object), cached per tag and time bucket.
     */
    public Partitioner partitioner() {
        KeyTemplate template = this;
        /** Rendered keys by (tag, time bucket): events arrive out of order across a few buckets, rendering each was costly. */
        record TagBucket(String tag, long bucket) {}
        java.util.concurrent.ConcurrentHashMap<TagBucket, String> rendered =
                new java.util.concurrent.ConcurrentHashMap<>();
        return new Partitioner() {
            @Override
            public String key(String tag, long eventEpochSecond) {
                TagBucket k = new TagBucket(tag, template.timeBucket(eventEpochSecond));
                String key = rendered.get(k);
                if (key == null) {
                    if (rendered.size() > 10_000) {
                        rendered.clear();
                    }
                    key = template.render(tag, "", "", eventEpochSecond);
                    rendered.put(k, key);
                }
                return key;
            }

            @Override
            public long timeBucket(long eventEpochSecond) {
                return template.timeBucket(eventEpochSecond);
            }

            @Override
            public boolean oneKey(long fromSecond, long toSecond) {
                return template.oneBucket(fromSecond, toSecond);
            }
        };
    }
}
