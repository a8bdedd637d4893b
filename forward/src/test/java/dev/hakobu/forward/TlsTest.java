package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.forward.ServerTlsConfig.ClientAuth;
import dev.hakobu.forward.TestServers.CountingSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsTest {
    @TempDir static Path dir;
    static TestCerts certs;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CountingSink sink = new CountingSink();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCerts.create(dir);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void aClientTrustingTheCaDeliversOverTls() throws Exception {
        ForwardServer server = start(ClientAuth.NONE);
        ForwardClient client = client(server, certs.path("ca.pem"), false);
        send(client, "tls-1").get(20, TimeUnit.SECONDS);
        assertThat(sink.chunks).containsExactly("tls-1");
        assertThat(server.stats().tlsFailures()).isZero();
    }

    @Test
    void aClientThatDoesNotTrustTheServersCaDeliversNothing() throws Exception {
        ForwardServer server = start(ClientAuth.NONE);
        ForwardClient client = client(server, certs.path("other-ca.pem"), false);
        CompletableFuture<Void> acked = send(client, "untrusted-1");
        Await.until(
                "the server saw a failed TLS handshake", () -> server.stats().tlsFailures() >= 1);
        assertThat(acked).isNotDone();
        assertThat(sink.requests.get()).isZero();
    }

    @Test
    void whenClientCertificatesAreRequiredAClientWithoutOneIsRefused() throws Exception {
        ForwardServer server = start(ClientAuth.REQUIRE);
        ForwardClient client = client(server, certs.path("ca.pem"), false);
        CompletableFuture<Void> acked = send(client, "anonymous-1");
        Await.until(
                "the server refused the TLS handshake", () -> server.stats().tlsFailures() >= 1);
        assertThat(acked).isNotDone();
        assertThat(sink.requests.get()).isZero();
    }

    @Test
    void whenClientCertificatesAreRequiredAClientWithOneSignedByTheCaIsAccepted() throws Exception {
        ForwardServer server = start(ClientAuth.REQUIRE);
        ForwardClient client = client(server, certs.path("ca.pem"), true);
        send(client, "with-cert-1").get(20, TimeUnit.SECONDS);
        assertThat(sink.chunks).containsExactly("with-cert-1");
    }

    @Test
    void tlsAndTheSharedKeyHandshakeWorkTogether() throws Exception {
        ForwardServer server =
                ForwardServer.start(
                        TestServers.config(0)
                                .withTls(serverTls(ClientAuth.OPTIONAL))
                                .withSecurity(
                                        new ServerSecurityConfig(
                                                "aggregator-1",
                                                "k-0123456789abcdef",
                                                false,
                                                List.of())),
                        sink);
        resources.add(server);
        ForwardClient client =
                ForwardClient.open(
                        config(server)
                                .withSecurity(
                                        Optional.of(
                                                new ClientSecurityConfig(
                                                        "agent-1", "k-0123456789abcdef", "", "")),
                                        Optional.of(clientTls(certs.path("ca.pem"), true))),
                        new SplittableRandom(1));
        resources.add(client);
        send(client, "both-1").get(20, TimeUnit.SECONDS);
        assertThat(server.stats().handshakes()).isEqualTo(1);
    }

    /**
     * Issue 18: an idle server (a standby) is probed as a sender connects, TLS and handshake included, so
     * that the server sees an ordinary client and logs no failed TLS handshake for it.
     */
    @Test
    void anIdleServerIsProbedWithTlsAndTheHandshakeAndSeesNoFailure() throws Exception {
        ForwardServer server =
                ForwardServer.start(
                        TestServers.config(0)
                                .withTls(serverTls(ClientAuth.NONE))
                                .withSecurity(
                                        new ServerSecurityConfig(
                                                "aggregator-1",
                                                "k-0123456789abcdef",
                                                false,
                                                List.of())),
                        sink);
        resources.add(server);
        ForwardClient client =
                ForwardClient.open(
                        config(server)
                                .withSecurity(
                                        Optional.of(
                                                new ClientSecurityConfig(
                                                        "agent-1", "k-0123456789abcdef", "", "")),
                                        Optional.of(clientTls(certs.path("ca.pem"), false))),
                        new SplittableRandom(1),
                        Duration.ofMillis(10),
                        Duration.ofSeconds(30));
        resources.add(client);
        Await.until("the idle server is probed", () -> client.servers().get(0).healthy());
        assertThat(client.servers().get(0).state()).isEqualTo("reachable");
        assertThat(server.stats().handshakes()).isEqualTo(1);
        assertThat(server.stats().tlsFailures()).isZero();
        assertThat(server.stats().authFailures()).isZero();
        assertThat(sink.requests.get()).isZero();
    }

    @Test
    void aKeyFileThatIsNotPkcs8PemStopsTheServerFromStartingWithAHint() {
        ServerTlsConfig tls =
                new ServerTlsConfig(
                        certs.path("server.pem"),
                        certs.path("server.pem"),
                        Optional.empty(),
                        ClientAuth.NONE);
        assertThatThrownBy(() -> ForwardServer.start(TestServers.config(0).withTls(tls), sink))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("key:")
                .hasMessageContaining("openssl pkcs8");
    }

    private static ServerTlsConfig serverTls(ClientAuth clientAuth) {
        return new ServerTlsConfig(
                certs.path("server.pem"),
                certs.path("server.key"),
                clientAuth == ClientAuth.NONE
                        ? Optional.empty()
                        : Optional.of(certs.path("ca.pem")),
                clientAuth);
    }

    private static ClientTlsConfig clientTls(Path ca, boolean withCertificate) {
        return new ClientTlsConfig(
                Optional.of(ca),
                withCertificate ? Optional.of(certs.path("client.pem")) : Optional.empty(),
                withCertificate ? Optional.of(certs.path("client.key")) : Optional.empty(),
                true);
    }

    private ForwardServer start(ClientAuth clientAuth) throws IOException {
        ForwardServer server =
                ForwardServer.start(TestServers.config(0).withTls(serverTls(clientAuth)), sink);
        resources.add(server);
        return server;
    }

    private static ForwardClientConfig config(ForwardServer server) {
        return ForwardClientConfig.defaults("localhost", server.localAddress().getPort())
                .withTiming(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofMillis(50),
                        Duration.ofMillis(200));
    }

    private ForwardClient client(ForwardServer server, Path ca, boolean withCertificate) {
        ForwardClient client =
                ForwardClient.open(
                        config(server)
                                .withSecurity(
                                        Optional.empty(),
                                        Optional.of(clientTls(ca, withCertificate))),
                        new SplittableRandom(1));
        resources.add(client);
        return client;
    }

    private static CompletableFuture<Void> send(ForwardClient client, String chunkId)
            throws InterruptedException {
        byte[] entries = Frames.entries(0, 10);
        return client.send("app", entries, 0, entries.length, 10, chunkId);
    }
}
