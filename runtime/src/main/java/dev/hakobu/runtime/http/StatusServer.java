package dev.hakobu.runtime.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * See the package contract. Served by Netty on one event-loop thread of its own: a slow or idle client holds
 * no thread, so it cannot block the endpoints for anyone else. {@link #close()} is idempotent.
 */
public final class StatusServer implements AutoCloseable {
    /** How long a client may take to send a whole request, and how long a kept-alive connection may idle. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Open connections beyond this are closed at once (Prometheus and a load balancer need a handful). */
    static final int MAX_CONNECTIONS = 64;

    private final EventLoopGroup group;
    private final Channel channel;
    private final StatusServerInitializer connections;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StatusServer(
            EventLoopGroup group, Channel channel, StatusServerInitializer connections) {
        this.group = group;
        this.channel = channel;
        this.connections = connections;
    }

    /**
     * @param ready  true when the process should receive traffic
     * @param status what {@code /api/status} shows (maps, lists, strings, numbers, booleans)
     * @throws IOException if the port cannot be bound; the message names the address
     */
    public static StatusServer start(
            HttpConfig config,
            PrometheusMeterRegistry registry,
            BooleanSupplier ready,
            Supplier<Map<String, Object>> status)
            throws IOException {
        return start(
                config,
                new StatusEndpoints(registry, ready, status),
                REQUEST_TIMEOUT,
                MAX_CONNECTIONS);
    }

    static StatusServer start(
            HttpConfig config,
            StatusEndpoints endpoints,
            Duration requestTimeout,
            int maxConnections)
            throws IOException {
        EventLoopGroup group =
                new MultiThreadIoEventLoopGroup(
                        1,
                        new DefaultThreadFactory("hakobu-http", true),
                        NioIoHandler.newFactory());
        StatusServerInitializer connections =
                new StatusServerInitializer(endpoints, requestTimeout, maxConnections);
        ServerBootstrap bootstrap =
                new ServerBootstrap()
                        .group(group)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 64)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childHandler(connections);
        try {
            Channel channel = bootstrap.bind(config.bind(), config.listenPort()).sync().channel();
            return new StatusServer(group, channel, connections);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // waited for, so a failed start leaves no hakobu-http thread behind
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            throw new IOException(
                    "http: cannot listen on "
                            + config.bind()
                            + ":"
                            + config.listenPort()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Connections open, and of those the busy ones (for tests that wait for the event loop). */
    int openConnections() {
        return connections.openConnections();
    }

    int busyConnections() {
        return connections.busyConnections();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
