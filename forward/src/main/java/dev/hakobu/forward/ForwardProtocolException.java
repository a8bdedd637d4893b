package dev.hakobu.forward;

import io.netty.handler.codec.DecoderException;

/**
 * Input that is not valid Forward protocol v1, or that breaks a configured limit. The message names the
 * problem (and the offset where one is known); whoever knows the peer adds it when logging. Extends
 * {@link DecoderException} so that Netty hands it to {@code exceptionCaught} unwrapped.
 */
public class ForwardProtocolException extends DecoderException {

    public ForwardProtocolException(String message) {
        super(message);
    }

    public ForwardProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code e} itself, or malformed events read from a peer as this protocol error (same message). */
    static ForwardProtocolException of(RuntimeException e) {
        return e instanceof ForwardProtocolException p
                ? p
                : new ForwardProtocolException(e.getMessage(), e);
    }
}
