package dev.hakobu.core.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each connection's pipeline: HTTP/1.1 codec with small limits (these endpoints take no bodies), a deadline for
 * every request, and the handler. Connections past the limit are closed as soon as they are accepted.
 */
final class StatusServerInitializer extends ChannelInitializer<SocketChannel> {
    static final String CODEC = "http-codec";
    static final String AGGREGATOR = "http-aggregator";
    static final String DEADLINE = "http-deadline";
    static final String HANDLER = "http-handler";

    private final StatusEndpoints endpoints;
    private final Duration requestTimeout;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    StatusServerInitializer(StatusEndpoints endpoints, Duration requestTimeout, int maxConnections) {
        this.endpoints = endpoints;
        this.requestTimeout = requestTimeout;
        this.maxConnections = maxConnections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        ChannelPipeline p = ch.pipeline();
        p.addLast(CODEC, new HttpServerCodec(4096, 8192, 8192));
        p.addLast(AGGREGATOR, new HttpObjectAggregator(16 * 1024));
        p.addLast(DEADLINE, new RequestDeadline(requestTimeout));
        p.addLast(HANDLER, new StatusHandler(endpoints));
    }
}
