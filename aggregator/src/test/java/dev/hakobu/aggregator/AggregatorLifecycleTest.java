package dev.hakobu.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.ForwardRequest;
import dev.hakobu.runtime.StartFailure;
import dev.hakobu.testing.HakobuThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Two-phase start: a start that fails (missing TLS file, a port in use, a directory in use or under a
 * file) leaves no {@code hakobu-*} thread and no lock, so the next start on the same directories works.
 */
class AggregatorLifecycleTest {
    @TempDir Path work;
    private Set<Thread> before;

    @BeforeEach
    void threadsBefore() {
        before = HakobuThreads.snapshot();
    }

    @Test
    void aMissingTlsCertificateFailsBeforeAnythingStarts() throws Exception {
        Path cert = work.resolve("missing-cert.pem");
        String listen =
                "{bind: 127.0.0.1, port: 0, tls: {cert: \"%s\", key: \"%s\"}}"
                        .formatted(cert, work.resolve("missing-key.pem"));
        assertThatThrownBy(() -> start(listen, "{enabled: false}"))
                .isInstanceOfSatisfying(
                        StartFailure.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(2);
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "cannot read the files of listen.tls: "
                                                    + cert
                                                    + " does not exist; fix the path or the file's"
                                                    + " permissions");
                        });
        HakobuThreads.assertNoneNewSince(before);
        assertThat(work.resolve("state")).doesNotExist(); // prepared only: no directory touched
        start("{bind: 127.0.0.1, port: 0}", "{enabled: false}").close();
    }

    @Test
    void aForwardPortInUseNamesThePortAndLeavesNothingBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> start("{bind: 127.0.0.1, port: " + port + "}", "{port: 0}"))
                    .isInstanceOfSatisfying(
                            StartFailure.class,
                            e -> {
                                assertThat(e.exitCode()).isEqualTo(74);
                                assertThat(e.getMessage())
                                        .startsWith("forward: cannot listen on 127.0.0.1:" + port)
                                        .endsWith(
                                                "; stop what uses the port or change listen (bind"
                                                        + " and port)");
                            });
        }
        HakobuThreads.assertNoneNewSince(before);
        start("{bind: 127.0.0.1, port: 0}", "{enabled: false}").close();
    }

    @Test
    void anHttpPortInUseNamesThePortAndLeavesNothingBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(
                            () ->
                                    start(
                                            "{bind: 127.0.0.1, port: 0}",
                                            "{bind: 127.0.0.1, port: " + port + "}"))
                    .isInstanceOfSatisfying(
                            StartFailure.class,
                            e -> {
                                assertThat(e.exitCode()).isEqualTo(74);
                                assertThat(e.getMessage())
                                        .startsWith("http: cannot listen on 127.0.0.1:" + port)
                                        .contains("change http (bind and port)");
                            });
        }
        HakobuThreads.assertNoneNewSince(before);
        start("{bind: 127.0.0.1, port: 0}", "{enabled: false}").close();
    }

    @Test
    void aSecondAggregatorOnTheSameBufferIsRefusedAndTheFirstKeepsServing() throws Exception {
        try (Aggregator first = start("{bind: 127.0.0.1, port: 0}", "{enabled: false}")) {
            Set<Thread> running = HakobuThreads.snapshot();
            assertThatThrownBy(() -> start("{bind: 127.0.0.1, port: 0}", "{enabled: false}"))
                    .isInstanceOfSatisfying(
                            StartFailure.class,
                            e -> {
                                assertThat(e.exitCode()).isEqualTo(2);
                                assertThat(e.getMessage())
                                        .startsWith(
                                                work.resolve("state")
                                                        + " is in use by another hakobu process"
                                                        + " (pid "
                                                        + ProcessHandle.current().pid());
                            });
            before = running;
            HakobuThreads.assertNoneNewSince(before);
            assertThat(first.pipeline().accept(request("app.api", 3)))
                    .succeedsWithin(java.time.Duration.ofSeconds(10));
            assertThat(first.bufferStats().get("local").appendedEvents()).isEqualTo(3);
        }
    }

    @Test
    void aBufferDirectoryUnderARegularFileIsExitCode73() throws Exception {
        Path file = Files.writeString(work.resolve("plain"), "in the way");
        String yaml =
                config("{bind: 127.0.0.1, port: 0}", "{enabled: false}")
                        + "buffer: {dir: \""
                        + file.resolve("buffer")
                        + "\"}\n";
        assertThatThrownBy(() -> start(yaml))
                .isInstanceOfSatisfying(
                        StartFailure.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(73);
                            assertThat(e.getMessage())
                                    .contains(file + " is a file, not a directory");
                        });
        HakobuThreads.assertNoneNewSince(before);
        start("{bind: 127.0.0.1, port: 0}", "{enabled: false}").close();
    }

    private Aggregator start(String listen, String http) throws Exception {
        return start(config(listen, http));
    }

    private Aggregator start(String yaml) throws Exception {
        return Aggregator.start(
                ConfigLoader.fromClasspath().load("lifecycle.yaml", yaml, AggregatorConfig.class),
                Clock.systemUTC(),
                new SplittableRandom(18));
    }

    private String config(String listen, String http) {
        return """
                node: n1
                state_dir: "%s"
                listen: %s
                http: %s
                outputs:
                  local: {type: file, root: "%s", compression: none}
                routes:
                  - match: "app.**"
                    outputs: [local]
                """
                .formatted(work.resolve("state"), listen, http, work.resolve("out"));
    }

    private static ForwardRequest request(String tag, int events) throws IOException {
        EntryWriter entries = new EntryWriter(256);
        for (int i = 0; i < events; i++) {
            try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                p.packMapHeader(1).packString("seq").packInt(i);
                byte[] record = p.toByteArray();
                entries.add(1_597_371_754_000_000_000L + i, record, 0, record.length);
            }
        }
        return new ForwardRequest(
                tag, Arrays.copyOf(entries.array(), entries.size()), events, "chunk-" + tag);
    }
}
