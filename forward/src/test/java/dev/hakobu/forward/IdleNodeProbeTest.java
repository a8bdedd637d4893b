package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.forward.TestServers.CountingSink;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18: {@code /api/status} showed a standby server healthy with nothing listening, since nothing is
 * ever sent to it. Idle servers are now probed with a TCP connect.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdleNodeProbeTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void aStandbyWithNothingListeningIsUnhealthyAndALiveOneHealthyBeforeAnyChunk()
            throws Exception {
        ForwardServer live = server(0);
        int dead = freePort(); // after the live one took its port
        ForwardClient client =
                client(
                        List.of(
                                ForwardNodeConfig.of("127.0.0.1", live.localAddress().getPort()),
                                new ForwardNodeConfig("127.0.0.1", dead, 60, true)),
                        Duration.ofMillis(100));

        Await.until(
                "both servers probed",
                () -> client.servers().stream().noneMatch(s -> s.state().equals("not probed yet")));
        List<ServerStatus> servers = client.servers();
        assertThat(servers)
                .extracting(ServerStatus::server, ServerStatus::standby, ServerStatus::healthy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "127.0.0.1:" + live.localAddress().getPort(), false, true),
                        org.assertj.core.groups.Tuple.tuple("127.0.0.1:" + dead, true, false));
        assertThat(servers.get(0).state()).isEqualTo("reachable");
        assertThat(servers.get(1).state()).startsWith("unreachable: ").contains("refused");
        assertThat(client.healthyNodes()).as("routing still counts it until it fails").isEqualTo(2);

        byte[] entries = Frames.entries(0, 10);
        client.send("app", entries, 0, entries.length, 10, "chunk-1").get(20, TimeUnit.SECONDS);
        assertThat(client.servers().get(0).state()).isEqualTo("connected");
        assertThat(client.servers().get(0).toMap())
                .containsEntry("server", "127.0.0.1:" + live.localAddress().getPort())
                .containsEntry("standby", false)
                .containsEntry("healthy", true)
                .containsEntry("state", "connected");
    }

    @Test
    void aStandbyThatStartsListeningLaterTurnsHealthyAtTheNextProbe() throws Exception {
        int port = freePort();
        ForwardClient client =
                client(
                        List.of(new ForwardNodeConfig("127.0.0.1", port, 60, true)),
                        Duration.ofMillis(50));
        Await.until(
                "the standby found unreachable",
                () -> client.servers().get(0).state().startsWith("unreachable"));
        server(port);
        Await.until("the standby found reachable", () -> client.servers().get(0).healthy());
        assertThat(client.servers().get(0).state()).isEqualTo("reachable");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed: nothing listens there
        }
    }

    private ForwardServer server(int port) throws Exception {
        ForwardServer server = ForwardServer.start(TestServers.config(port), new CountingSink());
        resources.add(server);
        return server;
    }

    private ForwardClient client(List<ForwardNodeConfig> servers, Duration probeEvery) {
        ForwardClient client =
                ForwardClient.open(
                        ForwardClientConfig.defaults(servers),
                        new SplittableRandom(18),
                        probeEvery,
                        probeEvery);
        resources.add(client);
        return client;
    }
}
