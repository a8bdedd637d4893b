package dev.hakobu.outputs.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one tag's objects lie under an S3 output's key template, as a table sees them: the fixed
 * location before the partitions, and the hive-style partition segments ({@code name=<time
 * fields>}) after it.
 *
 * <p>The part before the partitions may use {@code ${tag}} and {@code ${tag[N]}}: they are resolved
 * with the tag the table is for, as the output renders them ({@code history/${tag[1]}/dt=...} for
 * {@code app.shop} is {@code history/shop/}). Anything else there ({@code ${node}}, {@code
 * ${chunk_id}}, time fields) differs from object to object, so no single location holds the tag's
 * objects and the layout is refused.
 *
 * @param location {@code s3://bucket/prefix/}, ending in a slash
 * @param partitions the partition segments in key order
 */
record AthenaLayout(String location, List<Partition> partitions) {
    /**
     * One {@code name=<time fields>} segment, such as {@code dt=%Y-%m-%d} or {@code hour=%H}.
     *
     * @param format the segment's value as the template writes it, e.g. {@code %Y-%m-%d}
     */
    record Partition(String name, String format) {}

    private static final Pattern PARTITION =
            Pattern.compile("([a-z_][a-z0-9_]*)=((?:%[YmdH]|[-_.:])+)");
    private static final Pattern TAG_PART = Pattern.compile("\\$\\{tag\\[(\\d+)]}");

    /** {@code storage.location.template}: the location and a {@code name=${name}} per partition. */
    String storageTemplate() {
        StringBuilder t = new StringBuilder(location);
        for (Partition p : partitions) {
            t.append(p.name()).append("=${").append(p.name()).append("}/");
        }
        return t.substring(0, t.length() - 1);
    }

    /**
     * @throws IllegalArgumentException starting with {@code key:} or {@code bucket:} when no table can
     *     read this layout, saying why
     */
    static AthenaLayout of(String bucket, String key, String tag) {
        if (bucket.contains("${")) {
            throw new IllegalArgumentException(
                    "bucket: '"
                            + bucket
                            + "' names an environment variable that is not set; set it so the table's"
                            + " LOCATION can name the bucket");
        }
        String[] segments = resolveTag(key, tag).split("/");
        StringBuilder location = new StringBuilder("s3://").append(bucket).append('/');
        int i = 0;
        while (i < segments.length - 1 && !PARTITION.matcher(segments[i]).matches()) {
            if (segments[i].contains("${") || segments[i].contains("%")) {
                throw new IllegalArgumentException(
                        "key: '"
                                + segments[i]
                                + "' comes before the partitions and changes from object to object;"
                                + " a table needs one location per tag (only ${tag} and ${tag[N]} may"
                                + " stand there)");
            }
            location.append(segments[i++]).append('/');
        }
        List<Partition> partitions = new ArrayList<>();
        for (; i < segments.length - 1; i++) {
            Matcher m = PARTITION.matcher(segments[i]);
            if (!m.matches()) {
                break;
            }
            partitions.add(new Partition(m.group(1), m.group(2)));
        }
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException(
                    "key: no partition segment such as dt=%Y-%m-%d in '"
                            + key
                            + "'; Athena finds partitions by name=value folders");
        }
        return new AthenaLayout(location.toString(), List.copyOf(partitions));
    }

    /** {@code ${tag}} and {@code ${tag[N]}} as KeyTemplate renders them ({@code _} past the last part). */
    static String resolveTag(String key, String tag) {
        String[] parts = tag.split("\\.");
        Matcher m = TAG_PART.matcher(key.replace("${tag}", tag));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(n < parts.length ? parts[n] : "_"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
