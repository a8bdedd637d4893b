package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityConfigTest {
    @Test
    void aSharedKeyShorterThanSixteenCharactersIsRefusedOnBothSidesWithWhatToDo() {
        assertThatThrownBy(
                        () -> new ServerSecurityConfig("agg", "fluentd-secret", false, List.of()))
                .hasMessageContaining("shared_key: 14 characters is too short")
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new ClientSecurityConfig("agent", "short", "", ""))
                .hasMessageContaining("shared_key: 5 characters is too short");
    }

    @Test
    void sixteenCharactersAreEnough() {
        assertThatCode(() -> new ServerSecurityConfig("agg", "0123456789abcdef", false, List.of()))
                .doesNotThrowAnyException();
        assertThatCode(() -> new ClientSecurityConfig("agent", "0123456789abcdef", "", ""))
                .doesNotThrowAnyException();
    }
}
