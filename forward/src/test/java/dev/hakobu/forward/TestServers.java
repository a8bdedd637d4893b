package dev.hakobu.forward;

import dev.hakobu.config.DataSize;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A sink that stores nothing but remembers what it was given, for tests that start real servers. */
final class TestServers {
    private TestServers() {}

    static ForwardServerConfig config(int port) {
        return new ForwardServerConfig(
                "127.0.0.1",
                port,
                DataSize.ofBytes(16 << 20),
                DataSize.ofBytes(64 << 20),
                DataSize.ofBytes(192 << 20),
                Duration.ofMinutes(5),
                8,
                Optional.empty(),
                Optional.empty());
    }

    /** Counts requests, events and distinct chunk ids; completes every request at once or after a delay (a slow disk). */
    static final class CountingSink implements ForwardSink {
        private final Duration delay;
        final AtomicLong requests = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final Set<String> chunks = ConcurrentHashMap.newKeySet();
        final ConcurrentHashMap<String, AtomicLong> chunkCounts = new ConcurrentHashMap<>();

        CountingSink() {
            this(Duration.ZERO);
        }

        CountingSink(Duration delay) {
            this.delay = delay;
        }

        @Override
        public CompletableFuture<Void> accept(ForwardRequest request) {
            requests.incrementAndGet();
            events.addAndGet(request.count());
            if (request.chunk() != null) {
                chunks.add(request.chunk());
                chunkCounts
                        .computeIfAbsent(request.chunk(), k -> new AtomicLong())
                        .incrementAndGet();
            }
            return delay.isZero()
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(
                            () -> {},
                            CompletableFuture.delayedExecutor(
                                    delay.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    static ForwardServer start(ForwardServerConfig config, ForwardSink sink) throws IOException {
        return ForwardServer.start(config, sink);
    }
}
