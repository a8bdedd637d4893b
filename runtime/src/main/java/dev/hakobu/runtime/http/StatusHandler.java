package dev.hakobu.runtime.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Answers one request on the event loop (every answer is computed in memory, in about a millisecond).
 * A malformed or oversized request gets 400 and the connection is closed.
 */
final class StatusHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final StatusEndpoints endpoints;

    StatusHandler(StatusEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(
                    ctx,
                    false,
                    new StatusEndpoints.Answer(
                            HttpResponseStatus.BAD_REQUEST, "text/plain", "bad request\n"),
                    false);
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!head && !request.method().equals(HttpMethod.GET)) {
            send(
                    ctx,
                    false,
                    new StatusEndpoints.Answer(
                            HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "GET only\n"),
                    HttpUtil.isKeepAlive(request));
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        send(ctx, head, endpoints.answer(path), HttpUtil.isKeepAlive(request));
    }

    private static void send(
            ChannelHandlerContext ctx,
            boolean head,
            StatusEndpoints.Answer answer,
            boolean keepAlive) {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        answer.status(),
                        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
