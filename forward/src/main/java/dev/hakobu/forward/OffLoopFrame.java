package dev.hakobu.forward;

import io.netty.buffer.Unpooled;

/**
 * A frame to finish on an inflater thread, off the event loop: its tag, options and payload, either compressed as
 * sent, or entries already copied (and counted in the budget) that are only to be validated.
 */
record OffLoopFrame(String tag, Options options, byte[] payload, boolean compressed) {
    /**
     * Runs on an inflater thread.
     *
     * @return the request, or null when the budget has no room to inflate it now (nothing was reserved)
     * @throws ForwardProtocolException if the payload does not inflate or the entries are malformed
     */
    ForwardRequest finish(FrameInflater inflater, RequestBuilder requests) {
        byte[] entries =
                compressed
                        ? inflater.inflate(
                                options.compressed(), Unpooled.wrappedBuffer(payload), true)
                        : payload;
        return entries == null ? null : requests.build(tag, options, entries);
    }
}
