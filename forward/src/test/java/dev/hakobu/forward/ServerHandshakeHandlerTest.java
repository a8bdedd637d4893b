package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;
import org.slf4j.LoggerFactory;

class ServerHandshakeHandlerTest {
    private final ForwardServerStats stats = new ForwardServerStats();

    @Test
    void aPingSplitAtEveryByteIsAcceptedAndTheFrameBehindItReachesTheDecoder() throws Exception {
        ServerSecurityConfig security =
                new ServerSecurityConfig("aggregator-1", "k-0123456789abcdef", false, List.of());
        for (int split = 1; split < 40; split++) {
            EmbeddedChannel channel =
                    new EmbeddedChannel(
                            new ServerHandshakeHandler(security, stats),
                            new ForwardDecoder(1 << 20, 1 << 20));
            byte[] nonce =
                    read(channel)
                            .asArrayValue()
                            .get(1)
                            .asMapValue()
                            .map()
                            .get(ValueFactory.newString("nonce"))
                            .asRawValue()
                            .asByteArray();
            String digest = HandshakeTest.sha512Hex("salt", "agent-1", nonce, "k-0123456789abcdef");
            byte[] ping =
                    Frames.pack(
                            p ->
                                    p.packArrayHeader(6)
                                            .packString("PING")
                                            .packString("agent-1")
                                            .packString("salt")
                                            .packString(digest)
                                            .packString("")
                                            .packString(""));
            byte[] bytes =
                    Frames.concat(
                            ping, Frames.packedForward("app", Frames.entries(0, 3), "c-1", null));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            assertThat(read(channel).asArrayValue().get(1).asBooleanValue().getBoolean())
                    .as("split %d", split)
                    .isTrue();
            ForwardRequest request = channel.readInbound();
            assertThat(request.chunk()).isEqualTo("c-1");
            assertThat(channel.pipeline().get(ServerHandshakeHandler.class)).isNull();
            assertThat(channel.finish()).isFalse();
        }
    }

    @Test
    void garbageInsteadOfAPingIsRefusedAndCloses() throws Exception {
        EmbeddedChannel channel =
                new EmbeddedChannel(
                        new ServerHandshakeHandler(
                                new ServerSecurityConfig(
                                        "aggregator-1", "k-0123456789abcdef", false, List.of()),
                                stats));
        read(channel);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xc1, 1, 2}));
        assertThat(read(channel).asArrayValue().get(1).asBooleanValue().getBoolean()).isFalse();
        assertThat(channel.isOpen()).isFalse();
        assertThat(stats.authFailures()).isEqualTo(1);
    }

    @Test
    void aHostnameThatWouldForgeALogLineIsLoggedEscaped() throws Exception {
        ListAppender<ILoggingEvent> logs = HandshakeTest.capture(ServerHandshakeHandler.class);
        try {
            EmbeddedChannel channel =
                    new EmbeddedChannel(
                            new ServerHandshakeHandler(
                                    new ServerSecurityConfig(
                                            "aggregator-1", "k-0123456789abcdef", false, List.of()),
                                    stats));
            read(channel);
            byte[] ping =
                    Frames.pack(
                            p ->
                                    p.packArrayHeader(6)
                                            .packString("PING")
                                            .packString("agent\n12:00:00.000 INFO  forged line")
                                            .packString("salt")
                                            .packString("0".repeat(128))
                                            .packString("")
                                            .packString(""));
            channel.writeInbound(Unpooled.wrappedBuffer(ping));
            assertThat(read(channel).asArrayValue().get(1).asBooleanValue().getBoolean()).isFalse();
            assertThat(logs.list)
                    .singleElement()
                    .satisfies(
                            e ->
                                    assertThat(e.getFormattedMessage())
                                            .doesNotContain("\n")
                                            .contains(
                                                    "agent\\u000a12:00:00.000 INFO  forged line"));
        } finally {
            ((Logger) LoggerFactory.getLogger(ServerHandshakeHandler.class)).detachAppender(logs);
        }
    }

    private static Value read(EmbeddedChannel channel) throws Exception {
        ByteBuf out = channel.readOutbound();
        try {
            return MessagePack.newDefaultUnpacker(ByteBufUtil.getBytes(out)).unpackValue();
        } finally {
            out.release();
        }
    }
}
