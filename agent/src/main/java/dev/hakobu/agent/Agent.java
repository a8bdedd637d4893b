package dev.hakobu.agent;

import dev.hakobu.agent.ship.BatchConfig;
import dev.hakobu.agent.ship.ChunkBuffers;
import dev.hakobu.agent.ship.ChunkJournal;
import dev.hakobu.agent.ship.PositionStore;
import dev.hakobu.agent.ship.Positions;
import dev.hakobu.agent.ship.SealedChunk;
import dev.hakobu.agent.tail.TailReader;
import dev.hakobu.agent.tail.TailSourceConfig;
import dev.hakobu.event.ChunkIds;
import dev.hakobu.forward.ForwardClient;
import dev.hakobu.forward.ServerStatus;
import dev.hakobu.runtime.DirectoryLock;
import dev.hakobu.runtime.RoleRunner;
import dev.hakobu.runtime.StartFailure;
import dev.hakobu.runtime.Version;
import dev.hakobu.runtime.http.StatusServer;
import dev.hakobu.runtime.metrics.RoleMeters;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent: one reader thread, one forward client, the positions. Stop with {@link #close}, which sends
 * what was read and waits (bounded) for the acks.
 *
 * <p>Two phases (the contract is {@link RoleRunner}'s): {@link #prepare} builds the forward client (TLS
 * files read) and the batch settings, touching no directory and starting no thread; {@link #start} locks
 * {@code state_dir}, loads the journal and positions, binds the HTTP port, then starts the client, resends
 * what a crash left in flight and starts reading. {@link #close} undoes whatever was done, in any state.
 */
public final class Agent implements RoleRunner.Instance {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    private static final Duration DRAIN = Duration.ofSeconds(20);
    private final AgentConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final BatchConfig batch;
    private final ForwardClient client;
    private final AtomicBoolean closed = new AtomicBoolean();
    private DirectoryLock lock;
    private ChunkJournal journal;
    private List<SealedChunk> journaled;
    private Positions positions;
    private TailReader reader;
    private ChunkBuffers buffers;
    private Thread readerThread;
    private AgentMetrics metrics;
    private StatusServer http;
    private ScheduledExecutorService lagGauges;

    private Agent(AgentConfig config, Clock clock, RandomGenerator random) throws StartFailure {
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.batch = effectiveBatch(config);
        try {
            this.client = ForwardClient.prepare(config.forward(), random);
        } catch (UncheckedIOException e) {
            throw StartFailure.unreadableFile("forward.tls", e.getCause());
        }
    }

    /**
     * Builds an agent without touching its state directory, binding or starting anything.
     *
     * @throws StartFailure when a TLS file of {@code forward.tls} cannot be read
     */
    public static Agent prepare(AgentConfig config, Clock clock, RandomGenerator random)
            throws StartFailure {
        return new Agent(config, clock, random);
    }

    /**
     * {@link #prepare}, then {@link #start}; on failure everything is closed again.
     *
     * @throws StartFailure when the state directory or the HTTP port is unusable (see {@link
     *     RoleRunner}'s exit codes)
     */
    public static Agent start(AgentConfig config, Clock clock, RandomGenerator random)
            throws StartFailure {
        Agent agent = prepare(config, clock, random);
        try {
            agent.start();
            return agent;
        } catch (StartFailure | RuntimeException | Error e) {
            agent.close();
            throw e;
        }
    }

    /** Locks and loads the state directory, binds the HTTP port, then starts the threads; once only. */
    @Override
    public synchronized void start() throws StartFailure {
        if (lock != null || closed.get()) {
            throw new IllegalStateException("an agent starts once");
        }
        lock = DirectoryLock.acquire(config.stateDir(), "state_dir");
        try {
            this.journal = new ChunkJournal(config.stateDir());
            this.positions =
                    new Positions(new PositionStore(config.stateDir()), journal, journal.load());
        } catch (IOException e) {
            throw StartFailure.directory("state_dir", config.stateDir(), e);
        }
        this.journaled = positions.toResend();
        this.buffers = new ChunkBuffers(batch, config.forward().maxInFlightChunks() + 2);
        this.reader =
                new TailReader(
                        config.sources(),
                        batch,
                        positions,
                        this::ship,
                        () -> ChunkIds.newId(random),
                        clock,
                        buffers);
        if (config.http().enabled()) {
            PrometheusMeterRegistry prometheus =
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            this.metrics = new AgentMetrics(prometheus, positions);
            new JvmMemoryMetrics().bindTo(prometheus);
            metrics.bindSources(reader.sourceCounters());
            RoleMeters.bindTo(prometheus, "agent");
            try {
                this.http = StatusServer.start(config.http(), prometheus, () -> true, this::status);
            } catch (IOException e) {
                throw StartFailure.cannotListen("http", e);
            }
        } else {
            // nothing can read the meters without /metrics: skip Prometheus and the JVM memory
            // binder (~110 classes with java.management, kept in metaspace for the agent's life)
            this.metrics = new AgentMetrics(new SimpleMeterRegistry(), positions);
        }
        client.start();
        this.lagGauges =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "hakobu-metrics");
                            t.setDaemon(true);
                            return t;
                        });
        lagGauges.scheduleWithFixedDelay(
                () -> metrics.bindLag(reader.fileLag()), 5, 5, TimeUnit.SECONDS);
        AgentStartupReport.log(
                log,
                AgentStartupReport.started(
                        config,
                        TailSourceConfig::filesMatchingNow,
                        http == null ? null : http.address()));
        resendJournaled();
        this.readerThread = new Thread(reader, "hakobu-tail");
        readerThread.start();
    }

    /**
     * The batch config with {@code max_bytes} cut to the smallest forward server {@code max_chunk_bytes}: a
     * chunk may go, or fail over, to any server, so it must fit them all.
     */
    static BatchConfig effectiveBatch(AgentConfig config) {
        BatchConfig batch = config.batch().limitedTo(config.forward().maxChunkBytes());
        if (batch != config.batch()) {
            log.info(
                    "chunks are cut at {} bytes of entries (the smallest forward server max_chunk_bytes), not batch.max_bytes {}",
                    batch.maxBytes().bytes(),
                    config.batch().maxBytes().bytes());
        }
        return batch;
    }

    /** What /api/status shows. */
    private Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("role", "agent");
        status.put("version", Version.current());
        status.put("in_flight_chunks", positions.inFlight());
        List<ServerStatus> servers = client.servers();
        status.put("healthy_aggregators", servers.stream().filter(ServerStatus::healthy).count());
        status.put("aggregators", servers.stream().map(ServerStatus::toMap).toList());
        status.put("chunks_acked", (long) metrics.chunksAcked.count());
        status.put("events_acked", (long) metrics.eventsAcked.count());
        status.put("file_lag_bytes", reader.fileLag());
        return status;
    }

    /** Before reading anything new: the chunks a crash left in flight go again, same bytes, same ids. */
    private void resendJournaled() {
        if (!journaled.isEmpty()) {
            log.info("resending {} chunks left in flight by the previous run", journaled.size());
        }
        for (SealedChunk chunk : journaled) {
            metrics.resent.increment();
            send(chunk);
        }
    }

    /** Called on the reader thread; blocks while the client's window is full. */
    private void ship(SealedChunk chunk) {
        // without its journal entry a crash would re-read these lines under a new chunk id, so a
        // full
        // or failing state disk stops reading (backpressure) until the entry can be written
        for (int attempt = 0; ; attempt++) {
            try {
                journal.record(chunk);
                break;
            } catch (IOException e) {
                metrics.journalErrors.increment();
                if (attempt % 60 == 0) {
                    log.error(
                            "cannot record in-flight chunk {} in the state directory (retrying every second): {}",
                            chunk.id(),
                            e.toString());
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return; // stopping: the lines are re-read on the next start
                }
            }
        }
        send(chunk);
    }

    private void send(SealedChunk chunk) {
        positions.sent(chunk);
        long sentAt = System.nanoTime();
        metrics.chunksSent.increment();
        metrics.eventsSent.increment(chunk.count());
        metrics.bytesSent.increment(chunk.length());
        try {
            // not copied: the chunk's array stays untouched until acked, and goes back to the pool
            // only then
            client.sendUncopied(
                            chunk.tag(),
                            chunk.entries(),
                            0,
                            chunk.length(),
                            chunk.count(),
                            chunk.id())
                    .thenRun(
                            () -> {
                                positions.acked(chunk);
                                metrics.ackLatency.record(
                                        System.nanoTime() - sentAt,
                                        java.util.concurrent.TimeUnit.NANOSECONDS);
                                metrics.chunksAcked.increment();
                                metrics.eventsAcked.increment(chunk.count());
                                buffers.give(
                                        chunk.entries()); // acked: nothing reads these bytes again
                            });
        } catch (InterruptedException e) {
            // stopping: the chunk was never sent, its lines are re-read on the next start
            positions.unsent(chunk);
            Thread.currentThread().interrupt();
        }
    }

    /**
     * For one-shot runs: waits until every file has been read to its end and every chunk acknowledged.
     * @return false if that did not happen within {@code timeout}
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        reader.sendPartialChunksWhenIdle();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (reader.caughtUp() && positions.inFlight() == 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * Stops reading, waits (bounded) for the acks of what was sent, commits positions and releases the
     * state directory. Safe in any state and more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (http != null) {
            http.close();
        }
        if (lagGauges != null) {
            lagGauges.shutdownNow();
        }
        if (readerThread != null) {
            // started: send what was read and wait (bounded) for the acks
            reader.stop();
            try {
                readerThread.join(DRAIN.toMillis());
                long deadline = System.nanoTime() + DRAIN.toNanos();
                while (positions.inFlight() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (positions.inFlight() > 0) {
                log.warn(
                        "stopping with {} chunks unacknowledged; they are re-read on the next start",
                        positions.inFlight());
            }
        }
        client.close();
        if (positions != null) {
            positions.close();
        }
        if (lagGauges != null) {
            try {
                lagGauges.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (readerThread != null) {
            log.info(
                    "{}",
                    AgentStartupReport.stopped(
                            (long) metrics.chunksSent.count(),
                            (long) metrics.eventsSent.count(),
                            (long) metrics.chunksAcked.count(),
                            (long) metrics.eventsAcked.count()));
        }
        if (lock != null) {
            lock.close();
        }
    }
}
