package dev.hakobu.aggregator;

import dev.hakobu.output.Health;
import dev.hakobu.output.Output;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * What each output's own health check ({@link Output#health()}) last answered, for {@code /api/status}.
 * A check may block for its timeout (seconds, when a sink is down) and status is served on the HTTP event
 * loop, so status never waits for one: it shows the last answer and, when that is older than
 * {@link #MAX_AGE}, asks again on this class's own daemon thread, {@code hakobu-output-health}. Nobody
 * looking means no checks. Readiness does not use these answers: it judges an output by its deliveries.
 * Thread-safe.
 */
final class SinkHealthChecks implements AutoCloseable {
    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private record Answer(Health health, Instant at) {}

    private final Clock clock;
    private final ExecutorService checker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "hakobu-output-health");
                        t.setDaemon(true);
                        return t;
                    });
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Set<String> asking = ConcurrentHashMap.newKeySet();

    SinkHealthChecks(Clock clock) {
        this.clock = clock;
    }

    /**
     * {@code {up, detail, checked_at}} from the last answer of {@code output}, or {@code {detail: "asking"}}
     * before the first; never blocks.
     */
    Map<String, Object> status(String name, Output output) {
        Answer last = answers.get(name);
        if (last == null || Duration.between(last.at(), clock.instant()).compareTo(MAX_AGE) >= 0) {
            ask(name, output);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        if (last == null) {
            status.put("detail", "asking");
            return status;
        }
        status.put("up", last.health().up());
        status.put("detail", last.health().detail());
        status.put("checked_at", last.at().toString());
        return status;
    }

    private void ask(String name, Output output) {
        if (!asking.add(name)) {
            return;
        }
        try {
            checker.execute(
                    () -> {
                        try {
                            answers.put(name, new Answer(check(output), clock.instant()));
                        } finally {
                            asking.remove(name);
                        }
                    });
        } catch (RejectedExecutionException closed) {
            asking.remove(name);
        }
    }

    /**
     * A health check that throws breaks its contract, but a status page is no reason to lose this thread
     * (a dead hakobu-* thread halts the process): the bug shows as the answer.
     */
    private static Health check(Output output) {
        try {
            return output.health();
        } catch (RuntimeException e) {
            return Health.down("the health check failed: " + e);
        }
    }

    /** Stops asking; a check under way is interrupted. Idempotent. */
    @Override
    public void close() {
        checker.shutdownNow();
    }
}
