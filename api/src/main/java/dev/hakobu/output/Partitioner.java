package dev.hakobu.output;

/**
 * Which events an output wants in one buffer chunk: events with the same partition key are buffered
 * together, and a chunk never holds two keys, so one chunk becomes one object or file. The key is
 * never parsed; it is stored in the chunk and compared. Implementations are pure and thread-safe.
 */
public interface Partitioner {
    /** One partition per tag: for outputs whose objects do not depend on event time. */
    Partitioner BY_TAG =
            new Partitioner() {
                @Override
                public String key(String tag, long eventEpochSecond) {
                    return tag;
                }

                @Override
                public long timeBucket(long eventEpochSecond) {
                    return 0;
                }

                @Override
                public boolean oneKey(long fromSecond, long toSecond) {
                    return true;
                }
            };

    /** The partition of an event of {@code tag} at {@code eventEpochSecond}. */
    String key(String tag, long eventEpochSecond);

    /** Events of one tag whose seconds share a bucket share a key, so callers may cache per bucket. */
    long timeBucket(long eventEpochSecond);

    /**
     * Whether every event of one tag between the two instants (inclusive) has the same key, so a batch
     * whose times lie between them needs no walk to be split. False when unsure.
     */
    default boolean oneKey(long fromSecond, long toSecond) {
        return false;
    }
}
