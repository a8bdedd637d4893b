package dev.hakobu.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.forward.ForwardServer;
import dev.hakobu.forward.ForwardServerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 18: {@code /api/status} counted a standby server healthy with nothing listening on it. The agent
 * runs whole, its HTTP endpoints on a free port (found in its start line), with one live server and one
 * standby port where nothing listens.
 */
class AgentStatusTest {
    @TempDir Path dir;

    @Test
    void apiStatusShowsTheLiveServerHealthyAndTheDeadStandbyUnreachable() throws Exception {
        Logger agentLog = (Logger) LoggerFactory.getLogger(Agent.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = agentLog.getLevel();
        agentLog.setLevel(Level.INFO);
        agentLog.addAppender(appender);
        try (ForwardServer server =
                ForwardServer.start(
                        ForwardServerConfig.defaults("127.0.0.1", 0),
                        request -> CompletableFuture.completedFuture(null))) {
            int live = server.localAddress().getPort();
            int dead;
            try (ServerSocket s = new ServerSocket(0)) {
                dead = s.getLocalPort(); // closed: nothing listens there
            }
            Path file =
                    Files.writeString(
                            dir.resolve("agent.yaml"),
                            """
                            state_dir: "%s"
                            sources: [{paths: ["%s/*.log"], tag: app, format: {type: raw}}]
                            forward: {servers: [{host: 127.0.0.1, port: %d}, {host: 127.0.0.1, port: %d, standby: true}]}
                            http: {enabled: true, port: 0}
                            """
                                    .formatted(dir.resolve("state"), dir, live, dead));
            AgentConfig config = ConfigLoader.fromClasspath().load(file, AgentConfig.class);
            try (Agent agent = Agent.start(config, Clock.systemUTC(), new SplittableRandom(18))) {
                String endpoint =
                        appender.list.stream()
                                .map(ILoggingEvent::getFormattedMessage)
                                .filter(m -> m.startsWith("http endpoints on "))
                                .findFirst()
                                .orElseThrow()
                                .replaceAll("^http endpoints on (\\S+) .*$", "$1");
                String status = "";
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                    status = compact(get(endpoint + "/api/status"));
                    if (!status.contains("not probed yet")) {
                        break;
                    }
                    Thread.sleep(20);
                }
                assertThat(status)
                        .contains("\"healthy_aggregators\":1,")
                        .contains(
                                "\"aggregators\":[{\"server\":\"127.0.0.1:"
                                        + live
                                        + "\",\"standby\":false,\"healthy\":true,\"state\":\"reachable\"},"
                                        + "{\"server\":\"127.0.0.1:"
                                        + dead
                                        + "\",\"standby\":true,\"healthy\":false,\"state\":\"unreachable:"
                                        + " Connection refused\"}]");
            }
        } finally {
            agentLog.detachAppender(appender);
            agentLog.setLevel(before);
        }
    }

    /** The pretty-printed JSON on one line, without the spaces around its punctuation. */
    private static String compact(String json) {
        return json.replaceAll("\\s*\\n\\s*", "")
                .replace("\" : ", "\":")
                .replace("[ ", "[")
                .replace(" ]", "]")
                .replace(", {", ",{");
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
