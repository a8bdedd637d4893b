package dev.hakobu.aggregator.ingest;

import dev.hakobu.core.buffer.SeenChunks;

import dev.hakobu.core.forward.ForwardRequest;
import dev.hakobu.core.forward.ForwardSink;
import dev.hakobu.core.output.Chunk;
import dev.hakobu.core.output.ChunkIds;
import dev.hakobu.core.output.Output;
import dev.hakobu.core.output.WriteResult;
import dev.hakobu.core.route.RouteTable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's {@link ForwardSink}. The returned stage completes only after every routed output
 * returned Delivered for the chunk and its id is recorded in {@link SeenChunks}; a Retry fails the
 * stage, so no ack goes out and the sender resends. A chunk id already seen is acknowledged without
 * being stored again; one still being stored shares the first attempt's outcome. A Rejected chunk
 * (it can never be stored) is logged and counted; dead letters come with the disk buffer.
 *
 * <p>Threading: {@link #accept} runs on Netty event loops and never blocks; storing runs on the workers.
 */
public final class IngestPipeline implements ForwardSink {
    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    private final RouteTable<RoutedOutputs> routes;
    private final Map<String, Output> outputs;
    private final Executor workers;
    private final Supplier<String> newChunkId;
    private final AtomicLong unrouted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final SeenChunks seen;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inProgress = new ConcurrentHashMap<>();

    public IngestPipeline(RouteTable<RoutedOutputs> routes, Map<String, Output> outputs, Executor workers,
                          Supplier<String> newChunkId, SeenChunks seen) {
        this.seen = seen;
        this.routes = routes;
        this.outputs = Map.copyOf(outputs);
        this.workers = workers;
        this.newChunkId = newChunkId;
    }

    @Override
    public CompletionStage<Void> accept(ForwardRequest request) {
        List<RoutedOutputs> targets = routes.targets(request.tag());
        if (targets.isEmpty()) {
            long total = unrouted.addAndGet(request.count());
            log.warn("tag '{}' matches no route: {} events not stored ({} so far)", request.tag(), request.count(), total);
            return CompletableFuture.completedFuture(null);
        }
        String sent = request.chunk();
        String id = sent == null ? newChunkId.get() : ChunkIds.fileSafe(sent);
        Chunk chunk = new Chunk(id, request.tag(), request.entries(), 0, request.entries().length, request.count());
        if (sent == null) {
            return CompletableFuture.runAsync(() -> store(chunk, targets), workers);
        }
        if (seen.contains(sent)) {
            duplicates.addAndGet(request.count());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inProgress.putIfAbsent(sent, mine);
        if (running != null) {
            duplicates.addAndGet(request.count());
            return running;
        }
        CompletableFuture.runAsync(() -> {
            if (!seen.contains(sent)) { // stored by an attempt that finished after our check above
                store(chunk, targets);
                remember(sent);
            }
        }, workers).whenComplete((ok, failure) -> {
            inProgress.remove(sent, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(null);
            }
        });
        return mine;
    }

    private void remember(String chunkId) {
        try {
            seen.add(chunkId);
        } catch (java.io.IOException e) {
            // stored but not remembered: no ack, the resend is stored again (idempotent outputs overwrite)
            throw new CompletionException(new StoreException("cannot record chunk id: " + e));
        }
    }

    /** Masks per route, then writes; an output named by two matching routes is written once, by the first. */
    private void store(Chunk chunk, List<RoutedOutputs> targets) {
        Set<String> done = new HashSet<>();
        for (RoutedOutputs route : targets) {
            Chunk masked = route.masker().mask(chunk);
            for (String name : route.outputs()) {
                if (done.add(name)) {
                    write(name, masked);
                }
            }
        }
        stored.addAndGet(chunk.count());
    }

    private void write(String name, Chunk chunk) {
        WriteResult result = outputs.get(name).write(chunk);
        if (result instanceof WriteResult.Retry retry) {
            throw new CompletionException(new StoreException(name + ": " + retry.reason()));
        }
        if (result instanceof WriteResult.Rejected r) {
            rejected.addAndGet(chunk.count());
            log.error("{}: rejected chunk {} of tag '{}' ({} events): {}", name, chunk.id(), chunk.tag(), chunk.count(), r.reason());
        }
    }

    public long storedEvents() {
        return stored.get();
    }

    /** Events acknowledged without storing them again, because their chunk had been stored already. */
    public long duplicateEvents() {
        return duplicates.get();
    }

    public long unroutedEvents() {
        return unrouted.get();
    }

    /** Why a chunk could not be stored (the sender will resend it). */
    static final class StoreException extends RuntimeException {
        StoreException(String message) {
            super(message, null, false, false);
        }
    }
}
