package dev.hakobu.forward;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Builds each accepted connection's pipeline: TLS (if configured), idle detection, the handshake (if
 * {@code security} is configured; it removes itself once the client is authenticated), decoder, handler.
 * Every handler but the shared {@link SslContext} is created per channel.
 */
final class ForwardServerInitializer extends ChannelInitializer<SocketChannel> {
    static final String TLS = "forward-tls";
    static final String IDLE = "forward-idle";
    static final String HANDSHAKE = "forward-handshake";
    static final String DECODER = "forward-decoder";
    static final String HANDLER = "forward-handler";

    private final ForwardServerConfig config;
    private final ForwardSink sink;
    private final ForwardServerStats stats;
    private final ChannelGroup channels;
    private final SslContext tls; // null without TLS; built once here, shared by every connection
    private final MemoryBudget budget; // one for the server, shared by every connection
    private final Clock clock = Clock.systemUTC();
    private final Executor inflater; // shared: compressed frames are inflated and validated there

    /** @throws IOException if the TLS certificate, key or CA files cannot be read */
    ForwardServerInitializer(
            ForwardServerConfig config,
            ForwardSink sink,
            ForwardServerStats stats,
            ChannelGroup channels,
            Executor inflater)
            throws IOException {
        this.config = config;
        this.sink = sink;
        this.stats = stats;
        this.channels = channels;
        this.inflater = inflater;
        this.tls = config.tls().isPresent() ? TlsContexts.server(config.tls().get()) : null;
        this.budget = new MemoryBudget(config.maxInMemoryBytes().bytes());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast(TLS, tls.newHandler(ch.alloc()));
        }
        p.addLast(
                IDLE,
                new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        config.security()
                .ifPresent(
                        security ->
                                p.addLast(HANDSHAKE, new ServerHandshakeHandler(security, stats)));
        p.addLast(
                DECODER,
                new ForwardDecoder(
                        config.maxFrameBytes().bytes(),
                        config.maxDecompressedBytes().bytes(),
                        budget,
                        clock,
                        inflater));
        p.addLast(
                HANDLER,
                new ForwardServerHandler(sink, config.maxPendingPerConnection(), stats, budget));
    }
}
