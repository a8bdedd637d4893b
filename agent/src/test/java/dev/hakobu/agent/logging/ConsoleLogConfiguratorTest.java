package dev.hakobu.agent.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConsoleLogConfiguratorTest {
    /** The built-in set-up must log what config/logback.xml logs, in the same format. */
    @Test
    void matchesTheShippedXml() throws Exception {
        Path xml = Path.of("..", "config", "logback.xml");
        String text = Files.readString(xml);
        assertTrue(
                text.contains("<pattern>" + ConsoleLogConfigurator.PATTERN + "</pattern>"),
                "pattern differs from " + xml);
        assertTrue(text.contains("<target>System.err</target>"));
        assertTrue(text.contains("<logger name=\"io.netty\" level=\"WARN\"/>"));
        assertTrue(text.contains("${HAKOBU_LOG_LEVEL:-INFO}"));
    }

    @Test
    void configuresStderrWhenNoXmlIsGiven() {
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);
        // a loader without the test classpath's logback-test.xml, as bin/hakobu's agent classpath
        // has none
        ClassLoader bare = new URLClassLoader(new URL[0], null);
        assertEquals(
                ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context, bare));
        assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
        assertTrue(context.getLogger("ROOT").getAppender("STDERR").isStarted());
    }

    @Test
    void defersToAnXmlFileOnTheClasspath() {
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);
        // core's logback-test.xml is on the test classpath
        assertEquals(
                ExecutionStatus.INVOKE_NEXT_IF_ANY,
                configurator.configure(context, getClass().getClassLoader()));
    }

    @Test
    void defersToAnXmlFile() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "/nonexistent/logback.xml");
        try {
            LoggerContext context = new LoggerContext();
            ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
            configurator.setContext(context);
            assertEquals(
                    ExecutionStatus.INVOKE_NEXT_IF_ANY,
                    configurator.configure(context, new URLClassLoader(new URL[0], null)));
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
