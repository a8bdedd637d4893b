package dev.hakobu.outputs.elasticsearch;

import dev.hakobu.outputs.key.KeyTemplate;
import dev.hakobu.outputs.key.UnsafeNameException;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.deadletter.DeadLetter;
import dev.hakobu.outputs.deadletter.DeadLetterWriter;
import dev.hakobu.outputs.retry.Pause;
import dev.hakobu.outputs.retry.RetryBudget;
import dev.hakobu.output.Health;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputCounters;
import dev.hakobu.output.OutputCounters.ErrorType;
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
    private final Pause pause;
    private final RandomGenerator random;
    private final OutputCounters counters = new OutputCounters();

    ElasticsearchOutput(ElasticsearchOutputConfig config, OutputContext context, ElasticsearchHttp http, Pause pause, RandomGenerator random) {
        this.config = config;
        this.context = context;
        this.http = http;
        this.builder = new BulkRequestBuilder(KeyTemplate.parse(config.index(), config.timeZone()),
                config.eventTime().field(ElasticsearchOutputConfig.DEFAULT_TIME_KEY, config.timeZone()), context.node());
        this.deadLetters = new DeadLetterWriter(context.deadLetterDir(), context.name());
        this.pause = pause;
        this.random = random;
    }

    /**
     * Creates every record of the chunk, resending only the items that failed for a retriable reason
     * within the item retry budget. Returns Delivered only when every item is stored (or was already) and
     * the refused ones are on disk in the dead-letter folder; Retry when items are left, which is safe to
     * resend whole since stored items answer 409.
     */
    @Override
    public WriteResult write(Chunk chunk) {
        List<BulkItem> pending;
        try {
            pending = builder.items(chunk);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof UnsafeNameException unsafe) {
                return new WriteResult.Rejected("the chunk can never be indexed there: " + unsafe.getMessage());
            }
            throw e;
        }
        counters.recordsIn.add(pending.size());
        List<DeadLetter> refused = new ArrayList<>();
        RetryBudget budget = config.itemRetry().budget(random, pause);
        String lastProblem = null;
        while (true) {
            List<BulkItem> again = new ArrayList<>();
            for (List<BulkItem> batch : BulkRequestBuilder.split(pending, config.maxBulkBytes().bytes())) {
                Attempt a = send(chunk, batch, refused);
                if (a.rejected() != null) {
                    return new WriteResult.Rejected(a.rejected());
                }
                again.addAll(a.retry());
                lastProblem = a.problem() == null ? lastProblem : a.problem();
            }
            if (again.isEmpty() || Thread.currentThread().isInterrupted() || !budget.awaitNext()) {
                return settle(chunk, refused, again, lastProblem, budget.retries());
            }
            counters.recordsRetried.add(again.size());
            pending = again;
        }
    }

    /** What became of one bulk request: items to send again, a reason for the last failure, or a rejection. */
    private record Attempt(List<BulkItem> retry, String problem, String rejected) {
    }

    private Attempt send(Chunk chunk, List<BulkItem> batch, List<DeadLetter> refused) {
        ElasticsearchHttp.Response response;
        try {
            byte[] body = BulkRequestBuilder.body(batch, config.gzip());
            counters.requests.increment();
            counters.bytesOut.add(body.length);
            response = http.bulk(body, config.gzip());
        } catch (IOException e) {
            counters.requestError(ErrorType.UNREACHABLE);
            return new Attempt(batch, "cannot reach " + config.url() + ": " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(batch, "interrupted", null);
        }
        if (response.status() != 200) {
            counters.requestError(ElasticsearchRetryPolicy.errorType(response.status()));
            String problem = "bulk request answered " + response.status() + ": " + abbreviate(response.text());
            return switch (ElasticsearchRetryPolicy.request(response.status())) {
                case RETRY_ALL -> new Attempt(batch, problem, null);
                case REJECT_CHUNK -> new Attempt(List.of(), problem, problem);
            };
        }
        BulkResponse parsed;
        try {
            parsed = BulkResponse.parse(response.body());
        } catch (IOException e) {
            counters.requestError(ErrorType.SERVER);
            return new Attempt(batch, "unreadable bulk response: " + abbreviate(response.text()), null);
        }
        if (!parsed.errors() && parsed.items().isEmpty()) {
            counters.recordsDelivered.add(batch.size());
            return new Attempt(List.of(), null, null);
        }
        if (parsed.items().size() != batch.size()) {
            return new Attempt(batch, "bulk response has " + parsed.items().size() + " items for " + batch.size(), null);
        }
        List<BulkItem> retry = new ArrayList<>();
        String problem = null;
        for (int i = 0; i < batch.size(); i++) {
            BulkItem item = batch.get(i);
            BulkResponse.Item result = parsed.items().get(i);
            switch (ElasticsearchRetryPolicy.item(result.status(), result.errorType())) {
                case DELIVERED -> counters.recordsDelivered.increment();
                case RETRY -> {
                    retry.add(item);
                    problem = result.status() + " " + result.errorType() + ": " + result.reason();
                }
                case DEAD_LETTER -> refused.add(new DeadLetter(item.index(), item.epochNanos(),
                        Arrays.copyOfRange(chunk.entries(), item.recordOffset(), item.recordOffset() + item.recordLength()),
                        result.status() + " " + result.errorType() + ": " + result.reason()));
            }
        }
        return new Attempt(retry, problem, null);
    }

    private WriteResult settle(Chunk chunk, List<DeadLetter> refused, List<BulkItem> left, String problem, int retries) {
        try {
            if (deadLetters.write(chunk, refused) != null) {
                counters.recordsDeadLettered.add(refused.size());
                log.warn("{}: {} records of chunk {} refused by the cluster, written to {}: first: {}",
                        context.name(), refused.size(), chunk.id(), deadLetters.dir(), refused.get(0).reason());
            }
        } catch (IOException e) {
            return new WriteResult.Retry("cannot write refused records to the dead-letter folder " + deadLetters.dir() + ": " + e);
        }
        if (left.isEmpty()) {
            return WriteResult.DELIVERED;
        }
        return new WriteResult.Retry(left.size() + " of " + chunk.count() + " documents not stored after " + retries
                + " item retries; last: " + problem);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    @Override
    public Health health() {
        try {
            ElasticsearchHttp.Response r = http.get("/_cluster/health?filter_path=status", Duration.ofSeconds(5));
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
    public void close() {
    }
}
