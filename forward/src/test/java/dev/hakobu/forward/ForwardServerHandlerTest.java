package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ForwardServerHandlerTest {
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private final ForwardServerStats stats = new ForwardServerStats();
    private final EmbeddedChannel channel =
            new EmbeddedChannel(
                    new ForwardServerHandler(
                            request -> {
                                CompletableFuture<Void> stored = new CompletableFuture<>();
                                held.add(stored);
                                return stored;
                            },
                            2,
                            stats));

    @Test
    void theAckIsWrittenOnlyOnceTheSinkStoredTheChunk() {
        channel.writeInbound(request("c1"));
        assertThat((Object) channel.readOutbound()).isNull();
        held.get(0).complete(null);
        ByteBuf ack = channel.readOutbound();
        assertThat(ByteBufUtil.getBytes(ack)).isEqualTo(Acks.encode("c1"));
        ack.release();
        assertThat(stats.acks()).isEqualTo(1);
    }

    @Test
    void aRequestWithoutChunkIdIsNotAcked() {
        channel.writeInbound(request(null));
        held.get(0).complete(null);
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void aFailedSinkMeansNoAckAndAClosedConnection() {
        channel.writeInbound(request("c1"));
        held.get(0).completeExceptionally(new java.io.IOException("disk full"));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        assertThat(stats.sinkFailures()).isEqualTo(1);
    }

    @Test
    void readingPausesAtMaxPendingAndResumesWhenOneCompletes() {
        channel.writeInbound(request("c1"));
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.writeInbound(request("c2"));
        assertThat(channel.config().isAutoRead()).isFalse();
        held.get(1).complete(null);
        assertThat(channel.config().isAutoRead()).isTrue();
        ((ByteBuf) channel.readOutbound()).release();
    }

    @Test
    void idlenessClosesTheConnectionOnlyWhenNothingIsPending() {
        channel.writeInbound(request("c1"));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isTrue();
        held.get(0).complete(null);
        ((ByteBuf) channel.readOutbound()).release();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isFalse();
        assertThat(stats.idleTimeouts()).isEqualTo(1);
    }

    @Test
    void aProtocolErrorIsCountedAndClosesTheConnection() {
        channel.pipeline().fireExceptionCaught(new ForwardProtocolException("bad"));
        assertThat(channel.isOpen()).isFalse();
        assertThat(stats.protocolErrors()).isEqualTo(1);
    }

    @Test
    void aFrameWithATagThatCouldEscapeAPathIsAckedCountedAndNeverReachesTheSink() {
        channel.writeInbound(
                new ForwardRequest("z/../mask.secret", Frames.entries(0, 3), 3, "bad"));
        assertThat(held).isEmpty();
        ByteBuf ack = channel.readOutbound();
        assertThat(ByteBufUtil.getBytes(ack)).isEqualTo(Acks.encode("bad"));
        ack.release();
        assertThat(stats.refusedTagFrames()).isEqualTo(1);
        assertThat(stats.refusedTagEvents()).isEqualTo(3);

        channel.writeInbound(request("c1"));
        assertThat(held).hasSize(1);
        held.get(0).complete(null);
        ack = channel.readOutbound();
        assertThat(ByteBufUtil.getBytes(ack)).isEqualTo(Acks.encode("c1"));
        ack.release();
        assertThat(channel.isOpen()).isTrue();
    }

    private static ForwardRequest request(String chunk) {
        return new ForwardRequest("t", Frames.entries(0, 1), 1, chunk);
    }
}
