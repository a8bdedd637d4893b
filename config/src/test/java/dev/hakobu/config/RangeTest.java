package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeTest {
    record Limits(
            @Range(min = 1, max = 10) int workers, @Range(min = 0) long retries, String name) {}

    @Test
    void aValueOutOfRangeIsReportedAtItsPositionAlongsideOtherErrors() {
        assertThat(Loading.plain().errors("workers: 11\nretries: -1\nname: [x]\n", Limits.class))
                .containsExactly(
                        "1:10 workers: must be between 1 and 10",
                        "2:10 retries: must be at least 0",
                        "3:7 name: expected a string, found a sequence");
    }

    @Test
    void valuesInRangeBind() throws Exception {
        assertThat(Loading.plain().load("workers: 10\nretries: 0\nname: n\n", Limits.class))
                .isEqualTo(new Limits(10, 0, "n"));
    }
}
