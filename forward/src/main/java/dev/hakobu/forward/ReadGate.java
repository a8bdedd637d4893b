package dev.hakobu.forward;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Whether a connection is read, when more than one reason may pause it: too many of its requests are waiting
 * for the sink ({@link #PENDING}), or the server's {@link MemoryBudget} is spent ({@link #MEMORY}). Reading
 * resumes only when no reason is left. Event-loop only; one per channel.
 */
final class ReadGate {
    static final int PENDING = 1;
    static final int MEMORY = 2;

    /** A compressed frame of this connection is being inflated off the event loop. */
    static final int INFLATING = 4;

    private static final AttributeKey<ReadGate> KEY = AttributeKey.valueOf(ReadGate.class, "gate");

    private final Channel channel;
    private int closedBy;

    private ReadGate(Channel channel) {
        this.channel = channel;
    }

    static ReadGate of(Channel channel) {
        ReadGate gate = channel.attr(KEY).get();
        if (gate == null) {
            gate = new ReadGate(channel);
            channel.attr(KEY).set(gate);
        }
        return gate;
    }

    void close(int reason) {
        closedBy |= reason;
        channel.config().setAutoRead(false);
    }

    void open(int reason) {
        closedBy &= ~reason;
        if (closedBy == 0 && channel.isActive() && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    boolean isClosed(int reason) {
        return (closedBy & reason) != 0;
    }
}
