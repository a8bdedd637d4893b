package dev.hakobu.outputs.s3;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Health;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.format.ObjectFormat;
import dev.hakobu.outputs.format.PartitionedEncoder;
import dev.hakobu.outputs.key.KeyTemplate;
import dev.hakobu.outputs.key.UnsafeNameException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/** See the package contract. Thread-safe: the SDK client is, and each write has its own streams. */
final class S3Output implements Output {
    private static final Logger log = LoggerFactory.getLogger(S3Output.class);
    private final S3OutputConfig config;
    private final OutputContext context;
    private final S3Client s3;
    private final S3Requests requests;
    private final KeyTemplate template;
    private final ObjectFormat format;
    private final ManifestLog manifests;
    private final MisconfigurationAlarm misconfigured;
    private final OpenUploads uploads;

    /** A manifest flush is queued on {@link #manifestTimer}: a write queues at most one more. */
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    /** Writes ended windows' manifests even when no chunk arrives to trigger it; from {@link #start}. */
    private volatile ScheduledExecutorService manifestTimer;

    private boolean started;
    private boolean closed;

    /** Builds the output; no thread runs and no file is touched until {@link #start}. */
    S3Output(S3OutputConfig config, OutputContext context, S3Client s3) {
        this.config = config;
        this.context = context;
        this.s3 = s3;
        this.format = config.objectFormat(context.stateDir());
        this.requests = new S3Requests(config, format.contentType());
        this.template = KeyTemplate.parse(config.key(), config.timeZone());
        this.manifests =
                config.manifest()
                        .map(
                                m ->
                                        new ManifestLog(
                                                context.stateDir().resolve("manifests"),
                                                m,
                                                config.bucket(),
                                                context.node()))
                        .orElse(null);
        this.misconfigured = new MisconfigurationAlarm(context.name(), context.clock());
        this.uploads =
                new OpenUploads(
                        context.stateDir().resolve("uploads"),
                        config.bucket(),
                        context.name(),
                        context.clock());
    }

    /** Starts the manifest timer (with {@code manifest:}). */
    @Override
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(context.name() + ": started twice or after close");
        }
        started = true;
        if (manifests == null) {
            return;
        }
        manifestTimer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "hakobu-s3-manifests-" + context.name());
                            t.setDaemon(true);
                            return t;
                        });
        long period = Math.min(30, Math.max(1, config.manifest().get().window().toSeconds() / 5));
        manifestTimer.scheduleWithFixedDelay(
                () -> manifests.flushEnded(s3, context.clock().instant()),
                period,
                period,
                TimeUnit.SECONDS);
    }

    /**
     * Stores the chunk's objects; first, on this worker thread, aborts the multipart uploads an earlier run
     * left open (once, then again while S3 refuses: {@link OpenUploads}).
     */
    @Override
    public WriteResult write(Chunk chunk) {
        uploads.abortLeftovers(s3);
        PartitionedEncoder encoder = new PartitionedEncoder(template, format);
        try {
            var written =
                    encoder.encode(
                            chunk,
                            context.node(),
                            key ->
                                    new S3ObjectStream(
                                            s3,
                                            requests,
                                            uploads,
                                            key,
                                            config.multipartThreshold().bytes(),
                                            config.partSize().intBytes()));
            if (manifests != null) {
                manifests.add(
                        chunk.tag(), context.clock().instant(), List.copyOf(written.keySet()));
                queueManifestFlush();
            }
            misconfigured.clear();
            return WriteResult.DELIVERED;
        } catch (UnsafeNameException e) {
            return new WriteResult.Rejected(
                    "the chunk can never be stored under this key: " + e.getMessage());
        } catch (S3ObjectStream.S3WriteException e) {
            WriteResult result = S3ErrorClassifier.classify(e.sdk, config.bucket());
            if (S3ErrorClassifier.misconfigured(result)) {
                misconfigured.raise(((WriteResult.Retry) result).reason());
            } else {
                log.warn("{}: chunk {} not stored: {}", context.name(), chunk.id(), e.getMessage());
            }
            return result;
        } catch (IOException e) {
            log.warn("{}: chunk {} not stored: {}", context.name(), chunk.id(), e.toString());
            return new WriteResult.Retry(e.toString());
        }
    }

    /**
     * Hands the manifests of ended windows to the manifest thread when a window has ended, so this
     * writer never waits for their upload; the timer does the same when no chunk arrives.
     */
    private void queueManifestFlush() {
        ScheduledExecutorService timer = manifestTimer;
        if (timer == null
                || !manifests.anyEnded(context.clock().instant())
                || !flushQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.execute(
                    () -> {
                        flushQueued.set(false);
                        manifests.flushEnded(s3, context.clock().instant());
                    });
        } catch (RejectedExecutionException closing) {
            flushQueued.set(false); // close() writes them
        }
    }

    /**
     * Down, with what to fix, while the last write failed because the configuration is wrong (a missing
     * bucket, denied access, an encryption or KMS key the endpoint refuses, another region): see {@link
     * S3ErrorClassifier#misconfiguration}. It asks S3 nothing (a HEAD on the bucket needs s3:ListBucket,
     * which a write-only policy does not grant): it reports what the writes found, so it never blocks.
     */
    @Override
    public Health health() {
        return misconfigured.health();
    }

    /**
     * Idempotent while the key holds {@code ${chunk_id}} (the default): a chunk written again puts the same
     * keys, replacing its objects. Redshift manifests deduplicate URLs within a window only: a chunk written
     * again after its window's manifest went out is listed in a later manifest too.
     */
    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE_IDEMPOTENT;
    }

    /**
     * Stops the timer and writes the manifests of ended windows, when started: an output built but never
     * started (a reload refused) leaves the manifests to the instance that owns them.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (manifestTimer != null) {
            manifestTimer.shutdownNow();
            try {
                // an upload it was making lets go of its window, so the flush below writes it
                manifestTimer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (manifests != null && started) {
            manifests.flushEnded(s3, context.clock().instant());
        }
        if (manifests != null) {
            manifests.close();
        }
        s3.close();
    }
}
