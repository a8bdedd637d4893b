package dev.hakobu.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's layout writes, byte for byte, what logback's pattern layout writes with the shipped pattern. */
class AgentLogLayoutTest {
    private final LoggerContext context = new LoggerContext();

    @Test
    void linesAreThePatternsLines() {
        PatternLayout pattern = pattern();
        AgentLogLayout layout = layout();
        for (LoggingEvent event : events()) {
            assertThat(layout.doLayout(event)).isEqualTo(pattern.doLayout(event));
        }
    }

    @Test
    void stackTracesAreThePatternsStackTraces() {
        PatternLayout pattern = pattern();
        AgentLogLayout layout = layout();
        IOException io = new IOException("disk full");
        io.addSuppressed(new IllegalStateException("close failed"));
        RuntimeException wrapped = new UncheckedIOException("cannot record chunk", io);
        Throwable noMessage = new IllegalArgumentException();
        for (Throwable t : List.of(wrapped, noMessage, new Error("deep", new Error("deeper")))) {
            LoggingEvent event =
                    event("dev.hakobu.agent.ship.ChunkJournal", Level.ERROR, "failed: {}", t);
            String text = layout.doLayout(event);
            assertThat(text).isEqualTo(pattern.doLayout(event));
            assertThat(text).contains(t.getClass().getName());
        }
    }

    private List<LoggingEvent> events() {
        List<LoggingEvent> events = new ArrayList<>();
        events.add(event("dev.hakobu.agent.Agent", Level.INFO, "started {} sources", 3));
        events.add(
                event(
                        "dev.hakobu.agent.tail.TailedFiles",
                        Level.WARN,
                        "rotated: {}",
                        "/var/log/a"));
        events.add(event("io.netty.util.ResourceLeakDetector", Level.ERROR, "LEAK {}", "x"));
        events.add(event("Short", Level.DEBUG, "no args", null));
        events.add(event("dev.hakobu.agent.parse.JsonFastPath", Level.TRACE, "日本語 {}", "ü"));
        events.add(
                event(
                        "a.b.c.d.e.f.g.h.VeryLongClassNameThatIsLongerThanTwentyCharacters",
                        Level.INFO,
                        "",
                        null));
        return events;
    }

    private LoggingEvent event(String logger, Level level, String message, Object arg) {
        Logger log = context.getLogger(logger);
        Throwable t = arg instanceof Throwable th ? th : null;
        Object[] args = arg == null || t != null ? null : new Object[] {arg};
        LoggingEvent event = new LoggingEvent(Logger.FQCN, log, level, message, t, args);
        event.setThreadName("hakobu-tail");
        return event;
    }

    private PatternLayout pattern() {
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern(ConsoleLogConfigurator.PATTERN);
        pattern.start();
        return pattern;
    }

    private AgentLogLayout layout() {
        AgentLogLayout layout = new AgentLogLayout();
        layout.setContext(context);
        layout.start();
        return layout;
    }
}
