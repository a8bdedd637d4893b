package dev.hakobu.outputs.elasticsearch;

import dev.hakobu.config.DataSize;
import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.encoding.EventTimeFormat;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputConfig;
import dev.hakobu.output.OutputContext;
import dev.hakobu.outputs.format.EventTimeConfig;
import dev.hakobu.outputs.key.KeyTemplate;
import dev.hakobu.outputs.retry.ItemRetryConfig;
import dev.hakobu.outputs.retry.Pause;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

@Doc(
        "Documents in Elasticsearch 8 or OpenSearch 2 through the bulk API; each record is created once under an id derived from its chunk.")
public record ElasticsearchOutputConfig(
        @Doc("Base URL of the cluster, e.g. http://127.0.0.1:9200 or https://es.internal:9200.")
                String url,
        @Doc(
                        "Index name: ${tag}, ${tag[N]}, %Y %m %d %H of the event time, e.g. logs-%Y.%m.%d; or a data stream name.")
                @Default("logs-%Y.%m.%d")
                String index,
        @Doc(
                        "The index is a data stream: its name takes no time fields, and documents need the event time in @timestamp.")
                @Default("false")
                boolean dataStream,
        @Doc("Zone of the index name's dates and of the event time's offset.") @Default("UTC")
                ZoneId timeZone,
        @Doc(
                        "The event time written into each document: on by default, under @timestamp (what Kibana's data views and data streams expect).")
                EventTimeConfig eventTime,
        @Doc("Basic auth user.") Optional<String> user,
        @Doc("Basic auth password; put it in the environment: ${ES_PASSWORD}.")
                Optional<String> password,
        @Doc("API key (the base64 'id:key' value Elasticsearch returns as 'encoded').")
                Optional<String> apiKey,
        @Doc(
                        "PEM file of the CA that signed the cluster's certificate; the JVM's trust store when absent.")
                Optional<Path> caFile,
        @Doc("gzip request bodies.") @Default("true") boolean gzip,
        @Doc("A chunk goes in bulk requests of at most this many bytes (before gzip).")
                @Default("5MiB")
                DataSize maxBulkBytes,
        @Doc("Timeout of one bulk request.") @Default("30s") Duration requestTimeout,
        @Doc("Retries of throttled (429) and failed (5xx) documents within one write.")
                ItemRetryConfig itemRetry,
        // the typed index (story S2): declared fields, and the index template made of them
        @Doc(
                        "Declared fields, in the agent's form: size: {type: integer, null_as: -1}. Each is mapped "
                                + "in the index template; a value that does not fit becomes null_as (or null), the "
                                + "original goes to _raw.<field> and the reason to _type_error, so the document is "
                                + "indexed.")
                Map<String, IndexFieldType> types,
        @Doc("The index template installed before documents are written.")
                IndexTemplateConfig indexTemplate,
        @Doc(
                        "Field that carries the record's tag in every document (it replaces a field of that name); absent: none.")
                Optional<String> tagKey)
        implements OutputConfig {

    /** Without the tag in the documents (the arity before tag_key). */
    public ElasticsearchOutputConfig(
            String url,
            String index,
            boolean dataStream,
            ZoneId timeZone,
            EventTimeConfig eventTime,
            Optional<String> user,
            Optional<String> password,
            Optional<String> apiKey,
            Optional<Path> caFile,
            boolean gzip,
            DataSize maxBulkBytes,
            Duration requestTimeout,
            ItemRetryConfig itemRetry,
            Map<String, IndexFieldType> types,
            IndexTemplateConfig indexTemplate) {
        this(
                url,
                index,
                dataStream,
                timeZone,
                eventTime,
                user,
                password,
                apiKey,
                caFile,
                gzip,
                maxBulkBytes,
                requestTimeout,
                itemRetry,
                types,
                indexTemplate,
                Optional.empty());
    }

    public ElasticsearchOutputConfig {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: not a URL: " + url);
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())
                || u.getHost() == null) {
            throw new IllegalArgumentException(
                    "url: use http://host:port or https://host:port, found '" + url + "'");
        }
        try {
            KeyTemplate.parse(index, timeZone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("index: " + e.getMessage());
        }
        if (dataStream && index.contains("%")) {
            throw new IllegalArgumentException(
                    "index: a data stream name takes no time fields (the stream rolls over by itself)");
        }
        // the data stream's @timestamp is a date of the default format: ISO-8601 or epoch millis
        // (seconds would read as millis)
        if (dataStream
                && !eventTime
                        .field(DEFAULT_TIME_KEY, timeZone)
                        .map(
                                f ->
                                        f.key().equals(DEFAULT_TIME_KEY)
                                                && f.format() != EventTimeFormat.EPOCH_SECONDS)
                        .orElse(false)) {
            throw new IllegalArgumentException(
                    "event_time: a data stream needs the event time in @timestamp, as iso8601 or "
                            + "epoch_millis; leave event_time out");
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("user: give both user and password, or neither");
        }
        if (apiKey.isPresent() && user.isPresent()) {
            throw new IllegalArgumentException("api_key: use either api_key or user and password");
        }
        if (caFile.isPresent() && !Files.isReadable(caFile.get())) {
            throw new IllegalArgumentException("ca_file: cannot read " + caFile.get());
        }
        types = types == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(types));
        indexTemplate = indexTemplate == null ? IndexTemplateConfig.defaults() : indexTemplate;
        checkTypes(types, eventTime, timeZone);
        if (indexTemplate.enabled() && indexTemplate.indexPatterns().isEmpty()) {
            try {
                IndexTemplate.pattern(index);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "index_template.index_patterns: " + e.getMessage());
            }
        }
        if (maxBulkBytes.bytes() < 1024 || maxBulkBytes.bytes() > (100L << 20)) {
            throw new IllegalArgumentException(
                    "max_bulk_bytes: between 1KiB and 100MiB (the server's http.max_content_length)");
        }
    }

    private static void checkTypes(
            Map<String, IndexFieldType> types, EventTimeConfig eventTime, ZoneId zone) {
        for (Map.Entry<String, IndexFieldType> e : types.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().startsWith("_raw")) {
                throw new IllegalArgumentException(
                        "types: '" + e.getKey() + "' cannot be declared (empty, or Hakobu's _raw)");
            }
        }
        eventTime
                .field(DEFAULT_TIME_KEY, zone)
                .filter(f -> types.containsKey(f.key()))
                .filter(f -> types.get(f.key()).type() != IndexFieldKind.TIME)
                .ifPresent(
                        f -> {
                            throw new IllegalArgumentException(
                                    "types: "
                                            + f.key()
                                            + " holds the event time (event_time.key); declare it as time or not at all");
                        });
    }

    /** The field written when event_time names none. */
    static final String DEFAULT_TIME_KEY = "@timestamp";

    @Override
    public Output build(OutputContext context) {
        return build(context, Pause.SLEEP);
    }

    ElasticsearchOutput build(OutputContext context, Pause pause) {
        return new ElasticsearchOutput(
                this, context, new ElasticsearchHttp(this), pause, new Random());
    }
}
