package dev.hakobu.aggregator.ingest;

import dev.hakobu.aggregator.buffer.DiskBuffer;
import dev.hakobu.aggregator.route.RouteTable;
import dev.hakobu.event.ChunkIds;
import dev.hakobu.event.LogSafe;
import dev.hakobu.forward.ForwardRequest;
import dev.hakobu.forward.ForwardSink;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's {@link ForwardSink}: route by tag, mask per route, append to the disk buffer of every
 * matched output. The returned stage (which releases the ack) completes only after every one of those
 * buffers returned from {@code append}, that is, holds the events on disk; it fails if one refused (full
 * disk), so no ack goes out and the sender resends. A resend is skipped by each buffer that already holds
 * or delivered it ({@link DiskBuffer#append}); one arriving while the first attempt is still being stored
 * shares that attempt's outcome. Tags no route matches go to the default route, or, without one, are
 * counted and logged as unmatched (acked, not stored).
 *
 * <p>Threading: {@link #accept} runs on Netty event loops and never blocks; appends run on the ingest
 * workers and may block there while a buffer is full, which keeps the stage incomplete: the server then
 * stops reading that connection.
 */
public final class IngestPipeline implements ForwardSink {
    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    private final RouteTable<RoutedOutputs> routes;
    private final Map<String, DiskBuffer> buffers;
    private final Executor workers;
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong defaulted = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inProgress =
            new ConcurrentHashMap<>();

    /** Per output whose last append failed: why; removed by the next append that succeeds. */
    private final ConcurrentHashMap<String, String> appendFailures = new ConcurrentHashMap<>();

    public IngestPipeline(
            RouteTable<RoutedOutputs> routes, Map<String, DiskBuffer> buffers, Executor workers) {
        this.routes = routes;
        this.buffers = Map.copyOf(buffers);
        this.workers = workers;
    }

    @Override
    public CompletionStage<Void> accept(ForwardRequest request) {
        List<RoutedOutputs> targets = routes.targets(request.tag());
        if (!routes.routes(request.tag())) {
            long total = unmatched.addAndGet(request.count());
            if (targets.isEmpty()) {
                log.warn(
                        "tag '{}' matches no route and no default_route is set: {} events not stored ({} so far)",
                        LogSafe.escape(request.tag()),
                        request.count(),
                        total);
                return CompletableFuture.completedFuture(null);
            }
            defaulted.addAndGet(request.count());
        }
        String sent = request.chunk();
        String source = sent == null ? null : ChunkIds.fileSafe(sent);
        Chunk chunk =
                new Chunk(
                        source,
                        request.tag(),
                        request.entries(),
                        0,
                        request.entries().length,
                        request.count(),
                        request.times());
        if (sent == null) {
            return CompletableFuture.runAsync(() -> store(chunk, targets), workers);
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inProgress.putIfAbsent(sent, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture.runAsync(() -> store(chunk, targets), workers)
                .whenComplete(
                        (ok, failure) -> {
                            inProgress.remove(sent, mine);
                            if (failure != null) {
                                mine.completeExceptionally(failure);
                            } else {
                                mine.complete(null);
                            }
                        });
        return mine;
    }

    /** Masks per route, then appends; an output named by two matching routes gets the first route's masking. */
    private void store(Chunk chunk, List<RoutedOutputs> targets) {
        Set<String> done = new HashSet<>();
        for (RoutedOutputs route : targets) {
            Chunk masked = route.masker().mask(chunk);
            for (String name : route.outputs()) {
                if (done.add(name)) {
                    append(name, masked);
                }
            }
        }
        stored.addAndGet(chunk.count());
    }

    private void append(String name, Chunk chunk) {
        try {
            buffers.get(name)
                    .append(
                            chunk.id(),
                            chunk.tag(),
                            chunk.entries(),
                            chunk.offset(),
                            chunk.length(),
                            chunk.count(),
                            chunk.times());
            appendFailures.remove(name);
        } catch (IOException e) {
            appendFailures.put(name, e.toString());
            throw new CompletionException(new StoreException(name + ": " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(
                    new StoreException(name + ": interrupted (shutting down)"));
        }
    }

    /** The outputs whose buffer refused the last append (full disk, unwritable folder), with the error. */
    public Map<String, String> appendFailures() {
        return Map.copyOf(appendFailures);
    }

    /** Events accepted into every matched buffer (including those a buffer skipped as already held). */
    public long storedEvents() {
        return stored.get();
    }

    /** Events whose tag matched no route (stored through the default route when there is one). */
    public long unmatchedEvents() {
        return unmatched.get();
    }

    public long defaultRoutedEvents() {
        return defaulted.get();
    }

    /** Why a chunk could not be stored (the sender will resend it). */
    static final class StoreException extends RuntimeException {
        StoreException(String message) {
            super(message, null, false, false);
        }
    }
}
