package dev.hakobu.core.forward;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds each accepted connection's pipeline: idle detection, decoder, handler; all per channel. */
final class ForwardServerInitializer extends ChannelInitializer<SocketChannel> {
    static final String IDLE = "forward-idle";
    static final String DECODER = "forward-decoder";
    static final String HANDLER = "forward-handler";

    private final ForwardServerConfig config;
    private final ForwardSink sink;
    private final ForwardServerStats stats;
    private final ChannelGroup channels;

    ForwardServerInitializer(ForwardServerConfig config, ForwardSink sink, ForwardServerStats stats, ChannelGroup channels) {
        this.config = config;
        this.sink = sink;
        this.stats = stats;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(IDLE, new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast(DECODER, new ForwardDecoder(config.maxFrameBytes().bytes(), config.maxDecompressedBytes().bytes()));
        p.addLast(HANDLER, new ForwardServerHandler(sink, config.maxPendingPerConnection(), stats));
    }
}
