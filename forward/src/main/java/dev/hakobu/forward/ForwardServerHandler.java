package dev.hakobu.forward;

import dev.hakobu.event.LogSafe;
import dev.hakobu.event.MalformedEventsException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each {@link ForwardRequest} of one connection to the {@link ForwardSink} and acks it once stored.
 *
 * <p>Threading: all state is touched on the channel's event loop only; sink completions, which may come
 * from any thread, hop back onto it. Backpressure: reading from the connection pauses while
 * {@code maxPending} of its requests are incomplete and resumes when one completes (and the decoder is not
 * waiting for memory: {@link ReadGate}). Each request's entries leave the {@link MemoryBudget} when its stage
 * completes, whatever the outcome. An idle event closes
 * the connection only if nothing of it is pending (waiting for a slow buffer is not the client's idleness).
 */
final class ForwardServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ForwardServerHandler.class);
    private static final long REFUSED_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final ForwardSink sink;
    private final int maxPending;
    private final ForwardServerStats stats;
    private final MemoryBudget budget;
    private int pending;

    ForwardServerHandler(ForwardSink sink, int maxPending, ForwardServerStats stats) {
        this(sink, maxPending, stats, MemoryBudget.unlimited());
    }

    /** @param budget where the decoder counted each request's entries; released here once its stage completes */
    ForwardServerHandler(
            ForwardSink sink, int maxPending, ForwardServerStats stats, MemoryBudget budget) {
        this.sink = sink;
        this.maxPending = maxPending;
        this.stats = stats;
        this.budget = budget;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        stats.connections.incrementAndGet();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ForwardRequest request = (ForwardRequest) msg;
        stats.requests.incrementAndGet();
        stats.events.addAndGet(request.count());
        String badTag = TagRule.problem(request.tag());
        if (badTag != null) {
            refuse(ctx, request, badTag);
            return;
        }
        if (++pending >= maxPending) {
            ReadGate.of(ctx.channel()).close(ReadGate.PENDING);
        }
        CompletionStage<Void> stored;
        try {
            stored = sink.accept(request);
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        stored.whenComplete((ok, error) -> onEventLoop(ctx, () -> completed(ctx, request, error)));
    }

    /**
     * Acks {@code request} if the sink stored it durably ({@code error == null}) and it carries a chunk id;
     * otherwise sends nothing and closes the connection so that the client resends.
     */
    private void completed(ChannelHandlerContext ctx, ForwardRequest request, Throwable error) {
        pending--;
        budget.release(request.entries().length);
        if (error == null) {
            if (request.chunk() != null && ctx.channel().isActive()) {
                stats.acks.incrementAndGet();
                ctx.writeAndFlush(
                        Unpooled.wrappedBuffer(Acks.encode(request.chunk())), ctx.voidPromise());
            }
        } else {
            stats.sinkFailures.incrementAndGet();
            log.warn(
                    "forward: could not store chunk {} ({} events, tag {}) from {}, closing the connection so the client resends: {}",
                    LogSafe.escape(request.chunk()),
                    request.count(),
                    request.tag(),
                    ctx.channel().remoteAddress(),
                    error.toString());
            ctx.close();
        }
        if (pending < maxPending) {
            ReadGate.of(ctx.channel()).open(ReadGate.PENDING);
        }
    }

    /**
     * A frame whose tag must not reach a path, key or manifest: counted, logged (escaped, at most one line per
     * {@link #REFUSED_LOG_INTERVAL_NANOS}), and acked, since resending it can never succeed and a client that
     * retried it forever would hold back its other chunks.
     */
    private void refuse(ChannelHandlerContext ctx, ForwardRequest request, String why) {
        budget.release(request.entries().length);
        long frames = stats.refusedTagFrames.incrementAndGet();
        long events = stats.refusedTagEvents.addAndGet(request.count());
        long now = System.nanoTime();
        long last = stats.refusedTagLogged.get();
        if ((last == Long.MIN_VALUE || now - last >= REFUSED_LOG_INTERVAL_NANOS)
                && stats.refusedTagLogged.compareAndSet(last, now)) {
            log.warn(
                    "forward: refused {} events from {} with tag \"{}\" ({}); acked, not stored ({} frames, {} events refused so far)",
                    request.count(),
                    ctx.channel().remoteAddress(),
                    LogSafe.escape(request.tag()),
                    why,
                    frames,
                    events);
        }
        if (request.chunk() != null && ctx.channel().isActive()) {
            stats.acks.incrementAndGet();
            ctx.writeAndFlush(
                    Unpooled.wrappedBuffer(Acks.encode(request.chunk())), ctx.voidPromise());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (pending == 0) {
                stats.idleTimeouts.incrementAndGet();
                log.info("forward: closing idle connection from {}", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        if (event instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
            stats.tlsFailures.incrementAndGet();
            log.warn(
                    "forward: TLS handshake with {} failed: {}",
                    ctx.channel().remoteAddress(),
                    tls.cause().toString());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ForwardProtocolException
                || cause instanceof MalformedEventsException) {
            stats.protocolErrors.incrementAndGet();
            log.warn(
                    "forward: closing connection from {}: {}",
                    ctx.channel().remoteAddress(),
                    LogSafe.escape(cause.getMessage()));
        } else {
            log.info(
                    "forward: closing connection from {}: {}",
                    ctx.channel().remoteAddress(),
                    cause.toString());
        }
        ctx.close();
    }

    private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
        EventExecutor loop = ctx.executor();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the server is shutting down and this connection is closed: there is nobody to ack
        }
    }
}
