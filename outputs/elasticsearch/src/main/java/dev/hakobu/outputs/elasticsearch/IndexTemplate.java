package dev.hakobu.outputs.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.EventTimeFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The composable index template of an output: its name, the patterns of the indices it covers, and the
 * body of {@code PUT _index_template/<name>}. The mappings: the event time field as {@code date} in the
 * format the output writes it; each declared field by its {@link IndexFieldKind}; {@code _raw.*} (the
 * originals of values that did not fit) as {@code keyword}; for everything else, strings as {@code text}
 * with a {@code .keyword} sub-field (what both servers do by default) and floats as {@code double}; no
 * date detection, so no string ever becomes a date because of the first document. Immutable.
 */
final class IndexTemplate {
    private static final JsonFactory JSON = new JsonFactory();
    private final String name;
    private final List<String> patterns;
    private final String body;

    private IndexTemplate(String name, List<String> patterns, String body) {
        this.name = name;
        this.patterns = patterns;
        this.body = body;
    }

    static IndexTemplate of(
            ElasticsearchOutputConfig config,
            String outputName,
            Optional<EventTimeField> eventTime) {
        IndexTemplateConfig t = config.indexTemplate();
        List<String> patterns =
                t.indexPatterns().isEmpty() ? List.of(pattern(config.index())) : t.indexPatterns();
        String name = t.name().orElse("hakobu-" + outputName.toLowerCase(Locale.ROOT));
        Map<String, String> properties = new LinkedHashMap<>();
        eventTime.ifPresent(f -> properties.put(f.key(), dateMapping(f.format())));
        config.types().forEach((field, type) -> properties.put(field, type.type().mapping()));
        return new IndexTemplate(
                name, patterns, body(patterns, t.priority(), config.dataStream(), properties));
    }

    /**
     * The index pattern of an index setting: every placeholder ({@code ${tag}}, {@code %d}, ...) as
     * {@code *}, runs of {@code *} as one, lower case (index names are).
     *
     * @throws IllegalArgumentException when the pattern is only wildcards and would match every index
     */
    static String pattern(String index) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < index.length(); i++) {
            char c = index.charAt(i);
            if (c == '%' && i + 1 < index.length()) {
                char next = index.charAt(++i);
                if (next == '%') {
                    out.append('%');
                } else {
                    star(out);
                }
            } else if (c == '$' && index.startsWith("${", i) && index.indexOf('}', i) > 0) {
                i = index.indexOf('}', i);
                star(out);
            } else {
                out.append(c);
            }
        }
        String pattern = out.toString().toLowerCase(Locale.ROOT);
        if (pattern.startsWith("*")) {
            throw new IllegalArgumentException(
                    "the index starts with a placeholder, so its pattern '"
                            + pattern
                            + "' would match other indices too; give index_template.index_patterns");
        }
        return pattern;
    }

    private static void star(StringBuilder out) {
        if (out.length() == 0 || out.charAt(out.length() - 1) != '*') {
            out.append('*');
        }
    }

    private static String dateMapping(EventTimeFormat format) {
        return switch (format) {
            case ISO8601 ->
                    "{\"type\":\"date\",\"format\":\"strict_date_optional_time||epoch_millis\"}";
            case EPOCH_MILLIS -> "{\"type\":\"date\",\"format\":\"epoch_millis\"}";
            case EPOCH_SECONDS -> "{\"type\":\"date\",\"format\":\"epoch_second\"}";
        };
    }

    private static String body(
            List<String> patterns,
            int priority,
            boolean dataStream,
            Map<String, String> properties) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeArrayFieldStart("index_patterns");
            for (String p : patterns) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeNumberField("priority", priority);
            if (dataStream) {
                g.writeObjectFieldStart("data_stream");
                g.writeEndObject();
            }
            g.writeObjectFieldStart("_meta");
            g.writeStringField("managed_by", "hakobu");
            g.writeEndObject();
            g.writeObjectFieldStart("template");
            g.writeObjectFieldStart("mappings");
            g.writeBooleanField("date_detection", false);
            g.writeFieldName("dynamic_templates");
            g.writeRawValue(
                    "[{\"hakobu_raw\":{\"path_match\":\"_raw.*\",\"mapping\":{\"type\":\"keyword\",\"ignore_above\":8191}}},"
                            + "{\"hakobu_strings\":{\"match_mapping_type\":\"string\",\"mapping\":{\"type\":\"text\","
                            + "\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":256}}}}},"
                            + "{\"hakobu_floats\":{\"match_mapping_type\":\"double\",\"mapping\":{\"type\":\"double\"}}}]");
            g.writeObjectFieldStart("properties");
            for (Map.Entry<String, String> e : properties.entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeRawValue(e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    String name() {
        return name;
    }

    List<String> patterns() {
        return new ArrayList<>(patterns);
    }

    /** The body of {@code PUT _index_template/<name>}. */
    String body() {
        return body;
    }
}
