package dev.hakobu.forward;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The unacked chunks of a {@link ForwardClient} in send order, with the node each is assigned to. Not
 * thread-safe: the {@link Dispatcher} calls it under its lock.
 */
final class InFlight {
    private final LinkedHashMap<String, PendingChunk> chunks = new LinkedHashMap<>();

    int size() {
        return chunks.size();
    }

    /** @return false if a chunk with that id is already in flight */
    boolean add(PendingChunk chunk) {
        return chunks.putIfAbsent(chunk.id, chunk) == null;
    }

    PendingChunk remove(String id) {
        return chunks.remove(id);
    }

    /** Chunks assigned to {@code node} ({@code null}: waiting for a healthy node), in send order. */
    List<PendingChunk> on(Node node) {
        List<PendingChunk> on = new ArrayList<>();
        for (PendingChunk chunk : chunks.values()) {
            if (chunk.node == node) {
                on.add(chunk);
            }
        }
        return on;
    }

    boolean anyOn(Node node) {
        for (PendingChunk chunk : chunks.values()) {
            if (chunk.node == node) {
                return true;
            }
        }
        return false;
    }

    Collection<PendingChunk> all() {
        return chunks.values();
    }

    /** Removes and returns every chunk. */
    List<PendingChunk> clear() {
        List<PendingChunk> all = new ArrayList<>(chunks.values());
        chunks.clear();
        return all;
    }
}
