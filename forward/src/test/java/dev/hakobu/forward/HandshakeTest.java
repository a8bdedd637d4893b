package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hakobu.forward.ServerSecurityConfig.ForwardUserConfig;
import dev.hakobu.forward.TestServers.CountingSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;
import org.slf4j.LoggerFactory;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandshakeTest {
    private static final ServerSecurityConfig SECURITY =
            new ServerSecurityConfig("aggregator-1", "s3cret-s3cret-s3cret", false, List.of());
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CountingSink sink = new CountingSink();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void theSharedKeyDigestIsTheSha512HexOfSaltHostnameNonceAndKeyConcatenated() throws Exception {
        byte[] salt = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[16];
        for (int i = 0; i < 16; i++) {
            nonce[i] = (byte) (0xf0 + i); // not valid UTF-8: must be hashed as raw bytes
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        sha.update(salt);
        sha.update("agent-1".getBytes(StandardCharsets.UTF_8));
        sha.update(nonce);
        sha.update("s3cret-s3cret-s3cret".getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(sha.digest());

        assertThat(Handshake.sharedKeyDigest(salt, "agent-1", nonce, "s3cret-s3cret-s3cret"))
                .isEqualTo(expected)
                .hasSize(128)
                .matches("[0-9a-f]+");
    }

    @Test
    void thePasswordDigestIsTheSha512HexOfAuthSaltUsernameAndPassword() throws Exception {
        byte[] authSalt = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        sha.update(authSalt);
        sha.update("alice".getBytes(StandardCharsets.UTF_8));
        sha.update("pässword".getBytes(StandardCharsets.UTF_8));

        assertThat(Handshake.passwordDigest(authSalt, "alice", "pässword"))
                .isEqualTo(HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void anOutForwardStyleClientWithTheRightKeyIsAcceptedTheServerProvesItKnowsTheKeyAndDataFlows()
            throws Exception {
        ForwardServer server = start(SECURITY);
        try (RawClient client = new RawClient(server)) {
            Map<Value, Value> helo = client.helo();
            byte[] nonce = helo.get(ValueFactory.newString("nonce")).asRawValue().asByteArray();
            assertThat(nonce).hasSize(16);
            assertThat(helo.get(ValueFactory.newString("keepalive")).asBooleanValue().getBoolean())
                    .isTrue();
            String salt = "fedcba9876543210fedcba9876543210";
            client.ping(
                    "agent-1",
                    salt,
                    sha512Hex(salt, "agent-1", nonce, "s3cret-s3cret-s3cret"),
                    "",
                    "");

            List<Value> pong = client.read().asArrayValue().list();
            assertThat(pong.get(0).asStringValue().asString()).isEqualTo("PONG");
            assertThat(pong.get(1).asBooleanValue().getBoolean()).isTrue();
            assertThat(pong.get(3).asStringValue().asString()).isEqualTo("aggregator-1");
            assertThat(pong.get(4).asStringValue().asString())
                    .isEqualTo(sha512Hex(salt, "aggregator-1", nonce, "s3cret-s3cret-s3cret"));

            client.out.write(Frames.packedForward("app", Frames.entries(0, 5), "c-1", null));
            assertThat(
                            client.read()
                                    .asMapValue()
                                    .map()
                                    .get(ValueFactory.newString("ack"))
                                    .asStringValue()
                                    .asString())
                    .isEqualTo("c-1");
        }
        assertThat(sink.events.get()).isEqualTo(5);
        assertThat(server.stats().handshakes()).isEqualTo(1);
    }

    @Test
    void aWrongKeyGetsPongFalseWithAReasonIsCountedLoggedWithThePeerAndTheConnectionCloses()
            throws Exception {
        ForwardServer server = start(SECURITY);
        ListAppender<ILoggingEvent> logs = capture(ServerHandshakeHandler.class);
        try (RawClient client = new RawClient(server)) {
            byte[] nonce =
                    client.helo().get(ValueFactory.newString("nonce")).asRawValue().asByteArray();
            String salt = "fedcba9876543210fedcba9876543210";
            client.ping("agent-1", salt, sha512Hex(salt, "agent-1", nonce, "wrong"), "", "");

            List<Value> pong = client.read().asArrayValue().list();
            assertThat(pong.get(1).asBooleanValue().getBoolean()).isFalse();
            assertThat(pong.get(2).asStringValue().asString()).isEqualTo("shared_key mismatch");
            assertThat(client.in.read()).as("end of stream").isEqualTo(-1);
            assertThat(logs.list)
                    .anySatisfy(
                            e ->
                                    assertThat(e.getFormattedMessage())
                                            .contains("refused")
                                            .contains(client.localPort())
                                            .contains("agent-1")
                                            .contains("shared_key mismatch"));
        }
        assertThat(server.stats().authFailures()).isEqualTo(1);
        assertThat(sink.requests.get()).isZero();
    }

    @Test
    void ourClientWithTheRightKeyDeliversAndWithAWrongKeyDeliversNothing() throws Exception {
        ForwardServer server = start(SECURITY);
        ForwardClient good =
                client(server, new ClientSecurityConfig("agent-1", "s3cret-s3cret-s3cret", "", ""));
        send(good, "good-1").get(20, TimeUnit.SECONDS);
        assertThat(sink.chunks).containsExactly("good-1");

        ForwardClient bad =
                client(
                        server,
                        new ClientSecurityConfig("agent-2", "guess-guess-guess-guess", "", ""));
        CompletableFuture<Void> refused = send(bad, "bad-1");
        Await.until(
                "the server refused the wrong key twice", () -> server.stats().authFailures() >= 2);
        assertThat(refused).isNotDone();
        assertThat(sink.chunks).containsExactly("good-1");
    }

    /** Issue 18: an agent and an aggregator on one machine, neither naming itself, still shake hands. */
    @Test
    void anAgentAndAnAggregatorOnOneMachineWithDefaultNamesDeliver() throws Exception {
        ForwardServer server =
                start(new ServerSecurityConfig("", "s3cret-s3cret-s3cret", false, List.of()));
        ForwardClient client =
                client(server, new ClientSecurityConfig("", "s3cret-s3cret-s3cret", "", ""));
        send(client, "same-host-1").get(20, TimeUnit.SECONDS);
        assertThat(sink.chunks).containsExactly("same-host-1");
    }

    @Test
    void withUserAuthOnlyAKnownUserWithTheRightPasswordIsAccepted() throws Exception {
        ForwardServer server =
                start(
                        new ServerSecurityConfig(
                                "aggregator-1",
                                "s3cret-s3cret-s3cret",
                                true,
                                List.of(
                                        new ForwardUserConfig("alice", "wonderland"),
                                        new ForwardUserConfig("bob", "builder"))));
        ForwardClient alice =
                client(
                        server,
                        new ClientSecurityConfig(
                                "agent-1", "s3cret-s3cret-s3cret", "alice", "wonderland"));
        send(alice, "alice-1").get(20, TimeUnit.SECONDS);

        ForwardClient mallory =
                client(
                        server,
                        new ClientSecurityConfig(
                                "agent-2", "s3cret-s3cret-s3cret", "bob", "wonderland"));
        CompletableFuture<Void> refused = send(mallory, "mallory-1");
        Await.until(
                "the server refused bob's wrong password",
                () -> server.stats().authFailures() >= 1);
        assertThat(refused).isNotDone();
        assertThat(sink.chunks).containsExactly("alice-1");
    }

    @Test
    void aClientSendingDataWithoutTheHandshakeIsRefused() throws Exception {
        ForwardServer server = start(SECURITY);
        try (RawClient client = new RawClient(server)) {
            client.helo();
            client.out.write(Frames.packedForward("app", Frames.entries(0, 5), "c-1", null));
            List<Value> pong = client.read().asArrayValue().list();
            assertThat(pong.get(1).asBooleanValue().getBoolean()).isFalse();
            assertThat(pong.get(2).asStringValue().asString()).isEqualTo("invalid ping message");
            assertThat(client.in.read()).isEqualTo(-1);
        }
        assertThat(sink.requests.get()).isZero();
    }

    static String sha512Hex(String salt, String hostname, byte[] nonce, String key)
            throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        sha.update(salt.getBytes(StandardCharsets.UTF_8));
        sha.update(hostname.getBytes(StandardCharsets.UTF_8));
        sha.update(nonce);
        sha.update(key.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    private ForwardServer start(ServerSecurityConfig security) throws IOException {
        ForwardServer server =
                ForwardServer.start(TestServers.config(0).withSecurity(security), sink);
        resources.add(server);
        return server;
    }

    private ForwardClient client(ForwardServer server, ClientSecurityConfig security) {
        ForwardClient client =
                ForwardClient.open(
                        ForwardClientConfig.defaults("127.0.0.1", server.localAddress().getPort())
                                .withTiming(
                                        Duration.ofSeconds(5),
                                        Duration.ofSeconds(10),
                                        Duration.ofMillis(20),
                                        Duration.ofMillis(100))
                                .withSecurity(Optional.of(security), Optional.empty()),
                        new SplittableRandom(3));
        resources.add(client);
        return client;
    }

    private static CompletableFuture<Void> send(ForwardClient client, String chunkId)
            throws InterruptedException {
        byte[] entries = Frames.entries(0, 10);
        return client.send("app", entries, 0, entries.length, 10, chunkId);
    }

    /** Speaks the handshake the way out_forward does, built with msgpack-core independently of the code under test. */
    private static final class RawClient implements AutoCloseable {
        final Socket socket = new Socket();
        final OutputStream out;
        final InputStream in;
        final MessageUnpacker unpacker;

        RawClient(ForwardServer server) throws IOException {
            socket.connect(
                    new InetSocketAddress("127.0.0.1", server.localAddress().getPort()), 5000);
            socket.setSoTimeout(20_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            unpacker = MessagePack.newDefaultUnpacker(in);
        }

        Map<Value, Value> helo() throws IOException {
            List<Value> helo = read().asArrayValue().list();
            assertThat(helo.get(0).asStringValue().asString()).isEqualTo("HELO");
            return helo.get(1).asMapValue().map();
        }

        void ping(String hostname, String salt, String digest, String username, String password)
                throws IOException {
            out.write(
                    Frames.pack(
                            p ->
                                    p.packArrayHeader(6)
                                            .packString("PING")
                                            .packString(hostname)
                                            .packString(salt)
                                            .packString(digest)
                                            .packString(username)
                                            .packString(password)));
        }

        Value read() throws IOException {
            return unpacker.unpackValue();
        }

        String localPort() {
            return ":" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
