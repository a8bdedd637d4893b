package dev.hakobu.forward;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Forward protocol v1 TCP listener. Each connection gets its own decoder and handler
 * ({@link ForwardServerInitializer}); requests go to the {@link ForwardSink}, and a chunk is acked only
 * after the sink's stage completes normally, i.e. once the data is durable. Uses the NIO transport with
 * one acceptor thread and Netty's default number of I/O threads.
 *
 * <p>With {@code security}, every connection starts with the handshake (HELO/PING/PONG, see
 * {@link Handshake}); with {@code tls}, it is TLS from the first byte. Heartbeats: Fluentd's out_forward
 * checks a node with a TCP connect (or over its data connection); both are answered by accepting the
 * connection, and a msgpack nil sent as a frame (in_forward's "TCP heartbeat request") is ignored. The
 * UDP heartbeat is not served: configure out_forward with {@code heartbeat_type tcp} or {@code transport}.
 */
public final class ForwardServer implements AutoCloseable {
    private final ForwardServerConfig config;
    private final ForwardServerInitializer initializer;
    private final ChannelGroup channels;
    private final ForwardServerStats stats;
    private final ExecutorService inflaters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private volatile Channel serverChannel;

    private ForwardServer(
            ForwardServerConfig config,
            ForwardServerInitializer initializer,
            ExecutorService inflaters,
            ChannelGroup channels,
            ForwardServerStats stats) {
        this.config = config;
        this.initializer = initializer;
        this.inflaters = inflaters;
        this.channels = channels;
        this.stats = stats;
    }

    /**
     * Builds the server without binding: the TLS files are read here, and no thread runs until {@link
     * #bind}. Close it when it is not bound after all.
     *
     * @throws IOException if the TLS certificate, key or CA files cannot be read (the message names
     *     them)
     */
    public static ForwardServer prepare(ForwardServerConfig config, ForwardSink sink)
            throws IOException {
        ChannelGroup channels = new DefaultChannelGroup("forward", GlobalEventExecutor.INSTANCE);
        ForwardServerStats stats = new ForwardServerStats();
        AtomicInteger n = new AtomicInteger();
        // compressed frames are inflated and validated here, not on the event loops that serve
        // every connection; the pool starts its threads with the first frame
        ExecutorService inflaters =
                Executors.newFixedThreadPool(
                        Math.max(2, Runtime.getRuntime().availableProcessors()),
                        r -> {
                            Thread t = new Thread(r, "hakobu-inflate-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        try {
            return new ForwardServer(
                    config,
                    new ForwardServerInitializer(config, sink, stats, channels, inflaters),
                    inflaters,
                    channels,
                    stats);
        } catch (IOException e) {
            inflaters.shutdownNow();
            throw new IOException("forward: " + e.getMessage(), e);
        }
    }

    /**
     * Builds, binds and starts accepting: {@link #prepare} then {@link #bind}.
     *
     * @throws IOException if the address cannot be bound (in use, not local, no permission) or the TLS files
     *                     cannot be read
     */
    public static ForwardServer start(ForwardServerConfig config, ForwardSink sink)
            throws IOException {
        ForwardServer server = prepare(config, sink);
        try {
            server.bind();
            return server;
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Binds and starts accepting; once only. On failure nothing of it runs any more.
     *
     * @throws IOException if the address cannot be bound (in use, not local, no permission); the message
     *     names the address ({@code forward: cannot listen on HOST:PORT: reason})
     */
    public synchronized void bind() throws IOException {
        if (boss != null || closed.get()) {
            throw new IllegalStateException("forward server already bound or closed");
        }
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap bootstrap =
                new ServerBootstrap()
                        .group(boss, workers)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.SO_KEEPALIVE, true)
                        .childHandler(initializer);
        try {
            serverChannel = bootstrap.bind(config.bind(), config.port()).sync().channel();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            close();
            throw new IOException(
                    "forward: cannot listen on "
                            + config.bind()
                            + ":"
                            + config.port()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * The bound address, with the real port when the config asked for port 0; the configured one before
     * {@link #bind}.
     */
    public InetSocketAddress localAddress() {
        Channel bound = serverChannel;
        return bound != null
                ? (InetSocketAddress) bound.localAddress()
                : InetSocketAddress.createUnresolved(config.bind(), config.port());
    }

    public ForwardServerStats stats() {
        return stats;
    }

    /**
     * Stops accepting, closes every connection (unacked chunks will be resent by their clients) and shuts
     * the event loops down, waiting for them. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        channels.close().awaitUninterruptibly();
        inflaters.shutdownNow();
        if (boss != null) {
            boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }
}
