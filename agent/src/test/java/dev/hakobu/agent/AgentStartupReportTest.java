package dev.hakobu.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.forward.ForwardServer;
import dev.hakobu.forward.ForwardServerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Issue 18: the agent said nothing at start (no sources, no matched files, no servers) and nothing at stop. */
class AgentStartupReportTest {
    @TempDir Path dir;

    private AgentConfig load(String forward, String http) throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/a.log"), "");
        Files.writeString(dir.resolve("app/b.log"), "");
        Files.writeString(dir.resolve("app/old.log.gz"), "");
        Path file =
                Files.writeString(
                        dir.resolve("agent.yaml"),
                        """
                state_dir: "%s"
                sources:
                  - {paths: ["%s/app/*.log", "%s/app/*.gz"], exclude: ["*.gz"], tag: app, format: {type: json}}
                  - {paths: ["%s/nothing/*.log"], tag: "sys.${file_stem}", format: {type: raw}, read_from_head: false}
                forward: %s
                %s
                """
                                .formatted(dir.resolve("state"), dir, dir, dir, forward, http));
        return ConfigLoader.fromClasspath().load(file, AgentConfig.class);
    }

    @Test
    void atStartOneLinePerSourceServerStateDirectoryAndHttpAndAWarningForASourceWithoutFiles()
            throws Exception {
        AgentConfig config =
                load(
                        """
                        {servers: [{host: agg-1, port: 24224}, {host: agg-2, port: 24225, standby: true, compression: gzip}],
                         tls: {verify_hostname: false},
                         security: {self_hostname: web-1, shared_key: 0123456789abcdef}}""",
                        "");
        List<AgentStartupReport.Line> lines =
                AgentStartupReport.started(
                        config,
                        dev.hakobu.agent.tail.TailSourceConfig::filesMatchingNow,
                        new InetSocketAddress("127.0.0.1", 24232));
        assertThat(lines)
                .containsExactly(
                        new AgentStartupReport.Line(
                                false,
                                "source app: paths ["
                                        + dir
                                        + "/app/*.log, "
                                        + dir
                                        + "/app/*.gz], excluding [*.gz], format json: 2 files match"
                                        + " now, read from their beginning unless a saved position"
                                        + " says otherwise"),
                        new AgentStartupReport.Line(
                                true,
                                "source sys.${file_stem}: paths ["
                                        + dir
                                        + "/nothing/*.log], format raw: no file matches now; files"
                                        + " that appear later are read from their beginning"),
                        new AgentStartupReport.Line(
                                false,
                                "forward server agg-1:24224: regular, weight 60, compression auto, TLS"
                                        + " (verify_hostname false), shared-key handshake as 'web-1'"),
                        new AgentStartupReport.Line(
                                false,
                                "forward server agg-2:24225: standby (used only while no regular"
                                        + " server is healthy), compression gzip, TLS (verify_hostname"
                                        + " false), shared-key handshake as 'web-1'"),
                        new AgentStartupReport.Line(
                                false,
                                "state directory "
                                        + dir.resolve("state")
                                        + " (read positions and chunks in flight)"),
                        new AgentStartupReport.Line(
                                false,
                                "http endpoints on http://127.0.0.1:24232 (/metrics, /health, /ready,"
                                        + " /api/status)"));
    }

    /** The real agent logs those lines at start and the counts at stop. */
    @Test
    void theAgentLogsItsReportAtStartAndWhatItSentAtStop() throws Exception {
        Logger agentLog = (Logger) LoggerFactory.getLogger(Agent.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        int[] port = new int[1];
        Level before = agentLog.getLevel();
        agentLog.setLevel(Level.INFO);
        agentLog.addAppender(appender);
        try (ForwardServer server =
                ForwardServer.start(
                        ForwardServerConfig.defaults("127.0.0.1", 0),
                        request -> CompletableFuture.completedFuture(null))) {
            port[0] = server.localAddress().getPort();
            AgentConfig config =
                    load(
                            "{host: 127.0.0.1, port: %d}".formatted(port[0]),
                            "batch: {flush_interval: 50ms}");
            Files.writeString(dir.resolve("app/a.log"), "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
            try (Agent agent = Agent.start(config, Clock.systemUTC(), new SplittableRandom(18))) {
                assertThat(agent.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
            }
        } finally {
            agentLog.detachAppender(appender);
            agentLog.setLevel(before);
        }
        List<String> messages =
                appender.list.stream()
                        .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                        .toList();
        assertThat(messages)
                .contains(
                        "INFO forward server 127.0.0.1:"
                                + port[0]
                                + ": regular, weight 60, compression auto, plain TCP (no TLS), no"
                                + " handshake",
                        "INFO http endpoints off",
                        "INFO stopped: sent 1 chunks (3 events), acknowledged 1 chunks (3 events);"
                                + " the positions of acknowledged lines are committed")
                .anyMatch(m -> m.startsWith("INFO source app: ") && m.contains("2 files match"))
                .anyMatch(m -> m.startsWith("WARN source sys.${file_stem}: "));
        assertThat(messages.get(messages.size() - 1)).startsWith("INFO stopped: ");
    }
}
