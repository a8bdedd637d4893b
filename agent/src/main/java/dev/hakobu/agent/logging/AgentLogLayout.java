package dev.hakobu.agent.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The line {@link ConsoleLogConfigurator#PATTERN} gives ({@code %d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} -
 * %msg%n}, then the stack trace of a throwable as logback prints it), written directly rather than through
 * logback's pattern parser and converters: ~80 classes fewer in the agent's metaspace for the same bytes.
 * {@code AgentLogLayoutTest} holds it to the pattern's output.
 */
public final class AgentLogLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private final TargetLengthBasedClassNameAbbreviator abbreviator =
            new TargetLengthBasedClassNameAbbreviator(20);

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
        line.append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(" [").append(event.getThreadName()).append("] ");
        line.append(abbreviator.abbreviate(event.getLoggerName()));
        line.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            throwable(line, thrown, "", 1);
        }
        return line.toString();
    }

    /** As logback's default throwable converter: class and message, frames, common frames omitted, causes. */
    private static void throwable(StringBuilder out, IThrowableProxy t, String prefix, int indent) {
        indent(out, indent - 1);
        out.append(prefix)
                .append(t.getClassName())
                .append(": ")
                .append(t.getMessage())
                .append(CoreConstants.LINE_SEPARATOR);
        StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
        int common = t.getCommonFrames();
        for (int i = 0; i < frames.length - common; i++) {
            indent(out, indent);
            out.append(frames[i]).append(CoreConstants.LINE_SEPARATOR);
        }
        if (common > 0) {
            indent(out, indent);
            out.append("... ")
                    .append(common)
                    .append(" common frames omitted")
                    .append(CoreConstants.LINE_SEPARATOR);
        }
        IThrowableProxy[] suppressed = t.getSuppressed();
        if (suppressed != null) {
            for (IThrowableProxy s : suppressed) {
                throwable(out, s, CoreConstants.SUPPRESSED, indent + 1);
            }
        }
        if (t.getCause() != null) {
            throwable(out, t.getCause(), CoreConstants.CAUSED_BY, indent);
        }
    }

    private static void indent(StringBuilder out, int tabs) {
        for (int i = 0; i < tabs; i++) {
            out.append('\t');
        }
    }
}
