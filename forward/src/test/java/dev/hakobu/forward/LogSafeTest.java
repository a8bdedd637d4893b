package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.event.LogSafe;
import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void aNewlineCannotForgeASecondLogLine() {
        String forged = LogSafe.escape("app\n2026-12-06 10:00:00 ERROR forged line");
        assertThat(forged).doesNotContain("\n").startsWith("app\\u000a2026");
    }

    @Test
    void controlAndBidiCharactersAreEscapedAndBackslashesDoubled() {
        assertThat(LogSafe.escape("a\u001b[31m\u202eb\\c")).isEqualTo("a\\u001b[31m\\u202eb\\\\c");
    }

    @Test
    void plainTextIncludingNonAsciiStaysReadable() {
        assertThat(LogSafe.escape("app.アプリ 😀")).isEqualTo("app.アプリ 😀");
    }

    @Test
    void longTextIsCut() {
        String escaped = LogSafe.escape("x".repeat(10_000));
        assertThat(escaped).hasSizeLessThan(LogSafe.MAX_CHARS + 40).endsWith("(9800 more chars)");
    }
}
