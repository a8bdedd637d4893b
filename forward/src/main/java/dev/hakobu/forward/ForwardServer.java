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
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ChannelGroup channels;
    private final ForwardServerStats stats;
    private final ExecutorService inflaters;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ForwardServer(
            EventLoopGroup boss,
            EventLoopGroup workers,
            ExecutorService inflaters,
            Channel serverChannel,
            ChannelGroup channels,
            ForwardServerStats stats) {
        this.boss = boss;
        this.workers = workers;
        this.inflaters = inflaters;
        this.serverChannel = serverChannel;
        this.channels = channels;
        this.stats = stats;
    }

    /**
     * Binds and starts accepting.
     *
     * @throws IOException if the address cannot be bound (in use, not local, no permission) or the TLS files
     *                     cannot be read
     */
    public static ForwardServer start(ForwardServerConfig config, ForwardSink sink)
            throws IOException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup("forward", GlobalEventExecutor.INSTANCE);
        ForwardServerStats stats = new ForwardServerStats();
        AtomicInteger n = new AtomicInteger();
        // compressed frames are inflated and validated here, not on the event loops that serve
        // every connection
        ExecutorService inflaters =
                Executors.newFixedThreadPool(
                        Math.max(2, Runtime.getRuntime().availableProcessors()),
                        r -> {
                            Thread t = new Thread(r, "hakobu-inflate-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        ForwardServerInitializer initializer;
        try {
            initializer = new ForwardServerInitializer(config, sink, stats, channels, inflaters);
        } catch (IOException e) {
            inflaters.shutdownNow();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("forward: " + e.getMessage(), e);
        }
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
            Channel channel = bootstrap.bind(config.bind(), config.port()).sync().channel();
            return new ForwardServer(boss, workers, inflaters, channel, channels, stats);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            inflaters.shutdownNow();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
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

    /** The bound address, with the real port when the config asked for port 0. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public ForwardServerStats stats() {
        return stats;
    }

    /**
     * Stops accepting, closes every connection (unacked chunks will be resent by their clients) and shuts
     * the event loops down, waiting for them. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly();
        channels.close().awaitUninterruptibly();
        inflaters.shutdownNow();
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
