package dev.hakobu.outputs.kinesis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Says when Kinesis stops taking records and when it takes them again, without a line per failed call: a
 * WARN with the reason at the first failure, a WARN summary at most once per {@link #SUMMARY_EVERY} while
 * calls keep failing (how long, how many retries, the last reason), and an INFO at the first success
 * after (how long it lasted, how many record sends failed). A failure is a PutRecords call that failed as
 * a whole or refused every record; a call that refused only some (throttling under a burst) is no outage.
 * The records are resent either way, counted in the output's {@code records.retried}. Thread-safe.
 */
final class OutageLog {
    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

    private final String name;
    private final Logger log;
    private final Clock clock;
    private Instant since;
    private Instant lastSummary;
    private long retries;
    private long retriesAtSummary;

    /** @param name the output's name, in every line */
    OutageLog(String name, Logger log, Clock clock) {
        this.name = name;
        this.log = log;
        this.clock = clock;
    }

    /** A call failed for {@code reason}; {@code records} of it will be sent again. */
    synchronized void failed(String reason, int records) {
        Instant now = clock.instant();
        retries += records;
        if (since == null) {
            since = now;
            lastSummary = now;
            retriesAtSummary = retries;
            log.warn(
                    "output {}: Kinesis is not taking records ({}); retrying, nothing is dropped",
                    name,
                    reason);
        } else if (!now.isBefore(lastSummary.plus(SUMMARY_EVERY))) {
            log.warn(
                    "output {}: Kinesis still not taking records after {}: {} record sends failed in the last {}, last: {}",
                    name,
                    seconds(Duration.between(since, now)),
                    retries - retriesAtSummary,
                    seconds(Duration.between(lastSummary, now)),
                    reason);
            lastSummary = now;
            retriesAtSummary = retries;
        }
    }

    /** A call succeeded as a whole: ends an outage, if there was one. */
    synchronized void succeeded() {
        if (since == null) {
            return;
        }
        log.info(
                "output {}: Kinesis takes records again after {} ({} record sends failed and were retried)",
                name,
                seconds(Duration.between(since, clock.instant())),
                retries);
        since = null;
        retries = 0;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }
}
