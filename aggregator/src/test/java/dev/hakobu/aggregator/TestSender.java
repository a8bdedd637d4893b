package dev.hakobu.aggregator;

import dev.hakobu.event.ChunkIds;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.forward.ForwardClient;
import dev.hakobu.forward.ForwardClientConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Sends numbered {@code {"message": "line C.I"}} records to a running aggregator, and waits for what follows. */
final class TestSender {
    private TestSender() {}

    /** Sends {@code chunks} chunks of {@code events} records under {@code tag} and waits (30 s at most) for every ack. */
    static void send(Aggregator aggregator, String tag, int chunks, int events, long seed)
            throws Exception {
        ForwardClient client =
                ForwardClient.open(
                        ForwardClientConfig.defaults("127.0.0.1", aggregator.address().getPort()),
                        new SplittableRandom(seed));
        try {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            SplittableRandom ids = new SplittableRandom(seed + 1);
            for (int c = 0; c < chunks; c++) {
                EntryWriter entries = new EntryWriter(4096);
                for (int i = 0; i < events; i++) {
                    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                        p.packMapHeader(1).packString("message").packString("line " + c + "." + i);
                        byte[] record = p.toByteArray();
                        entries.add(1_597_371_754_000_000_000L + i, record, 0, record.length);
                    }
                }
                acks.add(
                        client.send(
                                tag,
                                entries.array(),
                                0,
                                entries.size(),
                                entries.count(),
                                ChunkIds.newId(ids)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    /** Polls {@code condition} until it holds. @throws AssertionError naming {@code what} after 30 s */
    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
