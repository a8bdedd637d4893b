package dev.hakobu.forward;

import dev.hakobu.event.LogSafe;
import dev.hakobu.forward.ServerSecurityConfig.ForwardUserConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the handshake ({@link Handshake}): sends HELO when the connection becomes active, reads
 * one PING and answers PONG. On success it removes itself, handing any bytes that followed the PING to the
 * {@link ForwardDecoder}; on failure it sends {@code PONG false} with the reason, counts and logs the refusal
 * with the peer, and closes the connection once the PONG is written.
 *
 * <p>One per channel (holds the connection's nonce); runs on its event loop. SHA-512 of a few dozen bytes is
 * cheap enough to compute there.
 */
final class ServerHandshakeHandler extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(ServerHandshakeHandler.class);

    /** A PING is a few hundred bytes; anything this long without one is not a client doing the handshake. */
    static final int MAX_PING_BYTES = 64 * 1024;

    private static final SecureRandom SALTS = new SecureRandom();

    private final ServerSecurityConfig security;
    private final ForwardServerStats stats;
    private final byte[] nonce = new byte[16];
    private final byte[] authSalt = new byte[16];
    private boolean done;

    ServerHandshakeHandler(ServerSecurityConfig security, ForwardServerStats stats) {
        this.security = security;
        this.stats = stats;
        SALTS.nextBytes(nonce);
        SALTS.nextBytes(authSalt);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(
                Unpooled.wrappedBuffer(Handshake.helo(nonce, authSalt)), ctx.voidPromise());
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        Value ping;
        // a copy: msgpack-core cannot read direct buffers on JDK 17 without --add-opens; once per
        // connection
        byte[] bytes =
                ByteBufUtil.getBytes(
                        in, in.readerIndex(), Math.min(in.readableBytes(), MAX_PING_BYTES + 1));
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            ping = unpacker.unpackValue();
            in.skipBytes((int) unpacker.getTotalReadBytes());
        } catch (MessageInsufficientBufferException e) {
            if (in.readableBytes() > MAX_PING_BYTES) {
                refuse(
                        ctx,
                        "invalid ping message",
                        "no PING within " + MAX_PING_BYTES + " bytes",
                        "?");
            }
            return;
        } catch (IOException | RuntimeException e) {
            refuse(ctx, "invalid ping message", "not msgpack: " + e.getMessage(), "?");
            return;
        }
        String refusal = check(ping);
        String hostname =
                ping.isArrayValue() && ping.asArrayValue().size() > 1
                        ? String.valueOf(Handshake.text(ping.asArrayValue().get(1)))
                        : "?";
        if (refusal != null) {
            refuse(ctx, refusal, refusal, hostname);
            return;
        }
        done = true;
        byte[] salt = Handshake.raw(ping.asArrayValue().get(2));
        String digest =
                Handshake.sharedKeyDigest(
                        salt, security.selfHostname(), nonce, security.sharedKey());
        ctx.writeAndFlush(
                Unpooled.wrappedBuffer(Handshake.pong(security.selfHostname(), digest)),
                ctx.voidPromise());
        stats.handshakes.incrementAndGet();
        log.debug(
                "forward: handshake with {} ({}) succeeded",
                ctx.channel().remoteAddress(),
                LogSafe.escape(hostname));
        ctx.pipeline().remove(this); // bytes after the PING go on to the decoder
    }

    /** Why {@code ping} is refused, as the PONG reason Fluentd would give, or {@code null} to accept it. */
    private String check(Value ping) {
        if (!ping.isArrayValue()
                || ping.asArrayValue().size() != 6
                || !Handshake.PING.equals(Handshake.text(ping.asArrayValue().get(0)))) {
            return "invalid ping message";
        }
        List<Value> m = ping.asArrayValue().list();
        String hostname = Handshake.text(m.get(1));
        byte[] salt = Handshake.raw(m.get(2));
        String digest = Handshake.text(m.get(3));
        if (hostname == null || salt == null || digest == null) {
            return "invalid ping message";
        }
        String expected = Handshake.sharedKeyDigest(salt, hostname, nonce, security.sharedKey());
        if (!Handshake.sameDigest(expected, digest)) {
            return "shared_key mismatch";
        }
        if (security.userAuth()) {
            String username = Handshake.text(m.get(4));
            String passwordDigest = Handshake.text(m.get(5));
            boolean accepted = false;
            for (ForwardUserConfig user : security.users()) {
                accepted |=
                        user.username().equals(username)
                                && passwordDigest != null
                                && Handshake.sameDigest(
                                        Handshake.passwordDigest(
                                                authSalt, user.username(), user.password()),
                                        passwordDigest);
            }
            if (!accepted) {
                return "username/password mismatch";
            }
        }
        return null;
    }

    private void refuse(ChannelHandlerContext ctx, String reason, String detail, String hostname) {
        done = true;
        stats.authFailures.incrementAndGet();
        log.warn(
                "forward: refused the handshake of {} (hostname {}): {}; closing the connection",
                ctx.channel().remoteAddress(),
                LogSafe.escape(hostname),
                LogSafe.escape(detail));
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.pongRefused(reason)))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
