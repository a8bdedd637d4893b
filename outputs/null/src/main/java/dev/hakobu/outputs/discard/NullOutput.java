package dev.hakobu.outputs.discard;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Health;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputCounters;
import dev.hakobu.output.WriteResult;
import java.util.Optional;

/** See the package contract. Thread-safe: its only state is its counters. */
final class NullOutput implements Output {
    private final OutputCounters counters = new OutputCounters();

    /** Counts the chunk's records as in and delivered, and drops them: no request, no bytes out. */
    @Override
    public WriteResult write(Chunk chunk) {
        counters.recordsIn.add(chunk.count());
        counters.recordsDelivered.add(chunk.count());
        return WriteResult.DELIVERED;
    }

    /** Nothing is stored, so writing a chunk again stores nothing twice. */
    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.DISCARDED;
    }

    @Override
    public Health health() {
        return Health.up("drops every record");
    }

    @Override
    public Optional<OutputCounters> counters() {
        return Optional.of(counters);
    }

    @Override
    public void close() {}
}
