package dev.hakobu.outputs.elasticsearch;

import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Health;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.OutputCounters;
import dev.hakobu.output.OutputCounters.ErrorType;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.deadletter.DeadLetter;
import dev.hakobu.outputs.deadletter.DeadLetterWriter;
import dev.hakobu.outputs.key.KeyTemplate;
import dev.hakobu.outputs.key.UnsafeNameException;
import dev.hakobu.outputs.retry.BatchSender.Reply;
import dev.hakobu.outputs.retry.ItemOutcome;
import dev.hakobu.outputs.retry.PartialRetryWriter;
import dev.hakobu.outputs.retry.PartialRetryWriter.Outcome;
import dev.hakobu.outputs.retry.Pause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** See the package contract. Thread-safe: a write keeps its state on its own stack. */
final class ElasticsearchOutput implements Output {
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchOutput.class);
    private final ElasticsearchOutputConfig config;
    private final OutputContext context;
    private final ElasticsearchHttp http;
    private final BulkRequestBuilder builder;
    private final DeadLetterWriter deadLetters;
    private final OutputCounters counters = new OutputCounters();
    private final PartialRetryWriter<BulkItem> writer;
    private final TemplateInstaller templates; // null when index_template.enabled is false

    ElasticsearchOutput(
            ElasticsearchOutputConfig config,
            OutputContext context,
            ElasticsearchHttp http,
            Pause pause,
            RandomGenerator random) {
        this.config = config;
        this.context = context;
        this.http = http;
        Optional<EventTimeField> eventTime =
                config.eventTime()
                        .field(ElasticsearchOutputConfig.DEFAULT_TIME_KEY, config.timeZone());
        this.builder =
                new BulkRequestBuilder(
                        KeyTemplate.parse(config.index(), config.timeZone()),
                        eventTime,
                        config.tagKey(),
                        context.node(),
                        new DeclaredFields(config.types()));
        this.templates =
                config.indexTemplate().enabled()
                        ? new TemplateInstaller(
                                IndexTemplate.of(config, context.name(), eventTime),
                                http,
                                config.requestTimeout())
                        : null;
        this.deadLetters = new DeadLetterWriter(context.deadLetterDir(), context.name());
        this.writer =
                new PartialRetryWriter<>(
                        batch -> BulkRequestBuilder.split(batch, config.maxBulkBytes().bytes()),
                        item -> 1,
                        () -> config.itemRetry().budget(random, pause),
                        deadLetters,
                        counters);
    }

    /**
     * Puts the index template, so the first index is created with the declared types; a cluster that
     * cannot be reached or refuses is logged, not a start failure: every write puts it again before it
     * writes to an index it has not covered (and retries the chunk until it can).
     */
    @Override
    public void start() {
        if (templates == null) {
            return;
        }
        try {
            TemplateInstaller.Failure failure = templates.install();
            if (failure == null) {
                log.info(
                        "{}: index template {} put for {}",
                        context.name(),
                        templates.template().name(),
                        templates.template().patterns());
            } else {
                log.warn("{}: {}; every write tries again", context.name(), failure.reason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Creates every record of the chunk, resending only the items that failed for a retriable reason
     * within the item retry budget. Returns Delivered only when every item is stored (or was already) and
     * the refused ones are on disk in the dead-letter folder; Retry when items are left, which is safe to
     * resend whole since stored items answer 409.
     */
    @Override
    public WriteResult write(Chunk chunk) {
        List<BulkItem> items;
        try {
            items = builder.items(chunk);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof UnsafeNameException unsafe) {
                return new WriteResult.Rejected(
                        "the chunk can never be indexed there: " + unsafe.getMessage());
            }
            throw e;
        }
        counters.recordsIn.add(items.size());
        String uncovered = coverTargets(items);
        if (uncovered != null) {
            return new WriteResult.Retry(uncovered);
        }
        Outcome outcome = writer.write(chunk, items, batch -> send(chunk, batch));
        if (outcome instanceof Outcome.Rejected rejected) {
            return new WriteResult.Rejected(rejected.reason());
        }
        if (outcome instanceof Outcome.DeadLettersNotWritten failed) {
            return new WriteResult.Retry(
                    "cannot write refused records to the dead-letter folder "
                            + deadLetters.dir()
                            + ": "
                            + failed.error());
        }
        if (outcome instanceof Outcome.Left left) {
            logRefused(chunk, left.deadLettered());
            return new WriteResult.Retry(
                    left.records()
                            + " of "
                            + chunk.count()
                            + " documents not stored after "
                            + left.retries()
                            + " item retries; last: "
                            + left.lastProblem());
        }
        logRefused(chunk, ((Outcome.Delivered) outcome).deadLettered());
        return WriteResult.DELIVERED;
    }

    /** Puts the index template before the first write to each index; null when done, else why not. */
    private String coverTargets(List<BulkItem> items) {
        if (templates == null) {
            return null;
        }
        String last = null;
        try {
            for (BulkItem item : items) {
                if (!item.target().equals(last)) {
                    last = item.target();
                    TemplateInstaller.Failure failure = templates.cover(last);
                    if (failure != null) {
                        counters.requestError(failure.errorType());
                        return failure.reason() + "; not writing to " + last + " without it";
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return null;
    }

    /** One bulk request; {@link ElasticsearchErrorClassifier} decides each item's fate. */
    private Reply send(Chunk chunk, List<BulkItem> batch) {
        ElasticsearchHttp.Response response;
        try {
            byte[] body = BulkRequestBuilder.body(batch, config.gzip());
            counters.requests.increment();
            counters.bytesOut.add(body.length);
            response = http.bulk(body, config.gzip());
        } catch (IOException e) {
            counters.requestError(ErrorType.UNREACHABLE);
            return new Reply.RetryAll("cannot reach " + config.url() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.RetryAll("interrupted");
        }
        if (response.status() != 200) {
            counters.requestError(ElasticsearchErrorClassifier.errorType(response.status()));
            String problem =
                    "bulk request answered "
                            + response.status()
                            + ": "
                            + abbreviate(response.text());
            return switch (ElasticsearchErrorClassifier.request(response.status())) {
                case RETRY_ALL -> new Reply.RetryAll(problem);
                case REJECT_CHUNK -> new Reply.RejectChunk(problem);
            };
        }
        BulkResponse parsed;
        try {
            parsed = BulkResponse.parse(response.body());
        } catch (IOException e) {
            counters.requestError(ErrorType.SERVER);
            return new Reply.RetryAll("unreadable bulk response: " + abbreviate(response.text()));
        }
        if (!parsed.errors() && parsed.items().isEmpty()) {
            return Reply.allDelivered(batch.size());
        }
        if (parsed.items().size() != batch.size()) {
            return new Reply.RetryAll(
                    "bulk response has " + parsed.items().size() + " items for " + batch.size());
        }
        List<ItemOutcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            BulkItem item = batch.get(i);
            BulkResponse.Item result = parsed.items().get(i);
            outcomes.add(
                    switch (ElasticsearchErrorClassifier.item(
                            result.status(), result.errorType())) {
                        case DELIVERED -> ItemOutcome.DELIVERED;
                        case RETRY -> new ItemOutcome.Retry(reason(result));
                        case DEAD_LETTER ->
                                new ItemOutcome.Refused(
                                        new DeadLetter(
                                                item.index(),
                                                item.epochNanos(),
                                                Arrays.copyOfRange(
                                                        chunk.entries(),
                                                        item.recordOffset(),
                                                        item.recordOffset() + item.recordLength()),
                                                reason(result)));
                    });
        }
        return new Reply.PerItem(outcomes);
    }

    private static String reason(BulkResponse.Item result) {
        return result.status() + " " + result.errorType() + ": " + result.reason();
    }

    private void logRefused(Chunk chunk, List<DeadLetter> refused) {
        if (!refused.isEmpty()) {
            log.warn(
                    "{}: {} records of chunk {} refused by the cluster, written to {}: first: {}",
                    context.name(),
                    refused.size(),
                    chunk.id(),
                    deadLetters.dir(),
                    refused.get(0).reason());
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    @Override
    public Health health() {
        try {
            ElasticsearchHttp.Response r =
                    http.get("/_cluster/health?filter_path=status", Duration.ofSeconds(5));
            String text = r.text();
            if (r.status() == 200 && !text.contains("\"red\"")) {
                return Health.up(text);
            }
            return Health.down(r.status() + " " + abbreviate(text));
        } catch (IOException e) {
            return Health.down("cannot reach " + config.url() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted");
        }
    }

    /**
     * Idempotent: every record is a {@code create} with {@code _id = <file-safe chunk id>-<record index>},
     * in an index rendered from the chunk's tag, node, id and event time, so a resent record finds its
     * document and answers 409, which counts as stored. Not so when {@code index} names a write alias or
     * data stream that rolled over between two tries: the second try creates the document again.
     */
    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE_IDEMPOTENT;
    }

    @Override
    public Optional<OutputCounters> counters() {
        return Optional.of(counters);
    }

    /** Nothing to release: the JDK client's connections close when idle. Idempotent. */
    @Override
    public void close() {}
}
