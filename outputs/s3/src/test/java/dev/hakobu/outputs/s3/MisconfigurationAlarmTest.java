package dev.hakobu.outputs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.output.Health;
import dev.hakobu.outputs.s3.S3OutputTest.HandClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MisconfigurationAlarmTest {
    private final HandClock clock = new HandClock();
    private final List<String> errors = new ArrayList<>();
    private final MisconfigurationAlarm alarm = new MisconfigurationAlarm("s3", clock, errors::add);

    @Test
    void oneErrorLineAMinuteWhileTheProblemLastsAndHealthDownUntilAWriteSucceeds() {
        for (int second = 0; second <= 150; second += 10) {
            alarm.raise("misconfigured: bucket b does not exist");
            clock.now = clock.now.plusSeconds(10);
        }

        assertThat(errors)
                .containsExactly(
                        "s3: chunks are kept and retried, but cannot be stored until the"
                                + " configuration is fixed (1 failed writes so far): misconfigured:"
                                + " bucket b does not exist",
                        "s3: chunks are kept and retried, but cannot be stored until the"
                                + " configuration is fixed (7 failed writes so far): misconfigured:"
                                + " bucket b does not exist",
                        "s3: chunks are kept and retried, but cannot be stored until the"
                                + " configuration is fixed (13 failed writes so far): misconfigured:"
                                + " bucket b does not exist");
        assertThat(alarm.health()).isEqualTo(Health.down("misconfigured: bucket b does not exist"));

        alarm.clear();
        assertThat(alarm.health())
                .isEqualTo(Health.up("the last write found no configuration error"));
        alarm.raise("misconfigured: bucket b: access denied");
        assertThat(errors).hasSize(4).last().asString().contains("(1 failed writes so far)");
    }
}
