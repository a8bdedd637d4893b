package dev.hakobu.runtime.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each connection's pipeline: HTTP/1.1 codec with small limits (these endpoints take no bodies), a deadline for
 * every request, and the handler. At the connection limit, a kept-alive connection that is idle (no byte since
 * its last response) is closed to make room, as careless clients (a new HTTP client per scrape) leave many;
 * only when none is idle is the new connection closed.
 */
final class StatusServerInitializer extends ChannelInitializer<SocketChannel> {
    static final String CODEC = "http-codec";
    static final String AGGREGATOR = "http-aggregator";
    static final String DEADLINE = "http-deadline";
    static final String HANDLER = "http-handler";
    static final String IDLE_MARK = "http-idle-mark";

    /** True while a connection has sent nothing since it opened or got its last response. */
    static final AttributeKey<Boolean> IDLE =
            AttributeKey.valueOf(StatusServerInitializer.class, "idle");

    private final StatusEndpoints endpoints;
    private final Duration requestTimeout;
    private final int maxConnections;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();

    StatusServerInitializer(
            StatusEndpoints endpoints, Duration requestTimeout, int maxConnections) {
        this.endpoints = endpoints;
        this.requestTimeout = requestTimeout;
        this.maxConnections = maxConnections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (open.size() >= maxConnections && !closeAnIdleOne()) {
            ch.close();
            return;
        }
        open.add(ch);
        ch.attr(IDLE).set(true);
        ch.closeFuture().addListener(f -> open.remove(ch));
        ChannelPipeline p = ch.pipeline();
        p.addLast(
                IDLE_MARK,
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.channel().attr(IDLE).set(false);
                        ctx.fireChannelRead(msg);
                    }
                });
        p.addLast(CODEC, new HttpServerCodec(4096, 8192, 8192));
        p.addLast(AGGREGATOR, new HttpObjectAggregator(16 * 1024));
        p.addLast(DEADLINE, new RequestDeadline(requestTimeout));
        p.addLast(HANDLER, new StatusHandler(endpoints));
    }

    /** Connections counted against the limit (for tests: what the event loop has seen so far). */
    int openConnections() {
        return open.size();
    }

    /** Of those, the ones that sent a byte since their last response (for tests). */
    int busyConnections() {
        return (int) open.stream().filter(c -> Boolean.FALSE.equals(c.attr(IDLE).get())).count();
    }

    private boolean closeAnIdleOne() {
        for (Channel c : open) {
            if (Boolean.TRUE.equals(c.attr(IDLE).get()) && open.remove(c)) {
                c.close();
                return true;
            }
        }
        return false;
    }
}
