package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.forward.ForwardClientConfig.Compression;
import dev.hakobu.retry.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private final Dispatcher dispatcher =
            new Dispatcher(
                    new ClientConnection.Settings(
                            Duration.ofSeconds(1), Duration.ofMillis(100), null, false, null),
                    8,
                    TimeUnit.SECONDS.toNanos(30),
                    new Backoff(
                            Duration.ofMillis(10), Duration.ofSeconds(1), new SplittableRandom(1)));
    private final Node a =
            new Node(new ForwardNodeConfig("a", 24224, 60, false), Compression.NONE, dispatcher);
    private final Node b =
            new Node(new ForwardNodeConfig("b", 24224, 60, false), Compression.NONE, dispatcher);

    DispatcherTest() {
        dispatcher.nodes(List.of(a, b), new NodeSelector(List.of(a, b), new SplittableRandom(3)));
    }

    @Test
    void aLateAckFromTheFirstNodeCompletesTheChunkOnlyAfterTheSecondNodeHasWrittenIt()
            throws Exception {
        byte[] entries = Frames.entries(0, 10);
        PendingChunk chunk =
                new PendingChunk(
                        "c1",
                        FrameEncoder.encode(
                                "app", entries, 0, entries.length, 10, "c1", Compression.NONE));
        assertThat(dispatcher.add(chunk)).isTrue();
        Node first = chunk.node;
        ClientConnection firstConnection = connect(first);
        assertThat(dispatcher.awaitBatch(first, firstConnection)).containsExactly(chunk);
        dispatcher.written(chunk);

        dispatcher.broken(
                first,
                firstConnection,
                "test: connection lost"); // the chunk moves to the other node
        Node second = chunk.node;
        assertThat(second).isNotSameAs(first);
        ClientConnection secondConnection = connect(second);
        assertThat(dispatcher.awaitBatch(second, secondConnection))
                .containsExactly(chunk); // being written

        dispatcher.acked(first, "c1"); // the first node had stored it after all
        assertThat(chunk.future)
                .as("the sender may not reuse bytes still being written")
                .isNotDone();
        dispatcher.written(chunk);
        assertThat(chunk.future).isCompleted();
    }

    @Test
    void anAckAfterTheWriteCompletesTheChunkAtOnce() throws Exception {
        byte[] entries = Frames.entries(0, 3);
        PendingChunk chunk =
                new PendingChunk(
                        "c2",
                        FrameEncoder.encode(
                                "app", entries, 0, entries.length, 3, "c2", Compression.NONE));
        dispatcher.add(chunk);
        ClientConnection c = connect(chunk.node);
        dispatcher.awaitBatch(chunk.node, c);
        dispatcher.written(chunk);
        dispatcher.acked(chunk.node, "c2");
        assertThat(chunk.future).isCompleted();
    }

    private ClientConnection connect(Node node) throws InterruptedException {
        ClientConnection c = dispatcher.awaitConnect(node);
        assertThat(dispatcher.connected(node, c)).isTrue();
        return c;
    }
}
