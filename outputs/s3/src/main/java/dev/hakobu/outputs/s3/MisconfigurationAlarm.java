package dev.hakobu.outputs.s3;

import dev.hakobu.output.Health;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the output's last write failed because its configuration is wrong, for {@link S3Output#health}:
 * raised by a write that failed so, cleared by the next write that stored its objects. While raised, one
 * ERROR line per {@link #EVERY} (the first at once) instead of a line per retry; one INFO line when it
 * clears. Thread-safe.
 */
final class MisconfigurationAlarm {
    static final Duration EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(MisconfigurationAlarm.class);
    private final String output;
    private final Clock clock;
    private final Consumer<String> error;
    private String problem;
    private Instant loggedAt;
    private long failures;

    MisconfigurationAlarm(String output, Clock clock) {
        this(output, clock, log::error);
    }

    /** With {@code error} taking the ERROR lines instead of the log, for a test to count them. */
    MisconfigurationAlarm(String output, Clock clock, Consumer<String> error) {
        this.output = output;
        this.clock = clock;
        this.error = error;
    }

    synchronized void raise(String problem) {
        this.problem = problem;
        failures++;
        Instant now = clock.instant();
        if (loggedAt == null || !now.isBefore(loggedAt.plus(EVERY))) {
            loggedAt = now;
            error.accept(
                    output
                            + ": chunks are kept and retried, but cannot be stored until the"
                            + " configuration is fixed ("
                            + failures
                            + " failed writes so far): "
                            + problem);
        }
    }

    synchronized void clear() {
        if (problem != null) {
            log.info("{}: writes succeed again after {} failed: {}", output, failures, problem);
            problem = null;
            loggedAt = null;
            failures = 0;
        }
    }

    synchronized Health health() {
        return problem == null
                ? Health.up("the last write found no configuration error")
                : Health.down(problem);
    }
}
