package dev.hakobu.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Sets up logback exactly as {@code config/logback.xml} does (stderr, same pattern, io.netty at WARN, root at
 * {@code HAKOBU_LOG_LEVEL} or INFO), in code, when no XML file is given. Logback's XML configurator (Joran)
 * with {@code java.xml} loads ~450 classes that stay in metaspace for the life of the process, a few MiB
 * of an agent's RSS (bench/results/2026-11-22-agent-memory.md). The launcher therefore no longer passes the
 * XML to the agent unless asked to ({@code HAKOBU_LOGBACK_CONFIG}). The lines are written by
 * {@link AgentLogLayout}, which gives what {@link #PATTERN} gives without logback's pattern parser and
 * converters (148 classes fewer loaded, ~0.5-1 MiB of RSS: bench/results/2026-12-06-agent-memory-flags.md).
 *
 * <p>Defers to logback's usual configuration (returns {@code INVOKE_NEXT_IF_ANY}) when
 * {@code -Dlogback.configurationFile} is set or a {@code logback-test.xml} or {@code logback.xml} is on the
 * classpath, so pointing at an XML file works as before. Found through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}, which logback consults before its own.
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    /**
     * The same as config/logback.xml's (ConsoleLogConfiguratorTest keeps the two equal); {@link AgentLogLayout}
     * writes what it gives (AgentLogLayoutTest).
     */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return configure(
                context, loader != null ? loader : ConsoleLogConfigurator.class.getClassLoader());
    }

    /** As {@link #configure(LoggerContext)}, looking for logback's XML files in {@code loader}. */
    ExecutionStatus configure(LoggerContext context, ClassLoader loader) {
        if (System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        AgentLogLayout layout = new AgentLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger("io.netty").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level(), Level.INFO));
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** As the XML's {@code ${HAKOBU_LOG_LEVEL:-INFO}}: a system property first, then the environment. */
    static String level() {
        String level = System.getProperty("HAKOBU_LOG_LEVEL");
        if (level == null) {
            level = System.getenv("HAKOBU_LOG_LEVEL");
        }
        return level == null || level.isEmpty() ? "INFO" : level;
    }
}
