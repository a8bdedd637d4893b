package dev.hakobu.outputs.kinesis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The stream's current {@link ShardMap}, listed with ListShards when first needed, again after
 * {@link #REFRESH} and as soon as a put shows the map is out of date (a record landed on another shard
 * than the map said: the stream was resharded). When ListShards fails, the last map is kept; without
 * one, {@link #current()} is empty (the aggregator then packs by partition key) and the listing is tried
 * again after {@link #RETRY_LISTING}. Thread-safe.
 */
final class ShardMapSource {
    static final Duration REFRESH = Duration.ofMinutes(1);
    static final Duration RETRY_LISTING = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ShardMapSource.class);

    private final Function<String, ListShardsResponse> listShards;
    private final String stream;
    private final Clock clock;
    private ShardMap map;
    private Instant nextListing = Instant.MIN;
    private boolean warned;

    /** @param listShards one ListShards page for a next token (null for the first page) */
    ShardMapSource(String stream, Function<String, ListShardsResponse> listShards, Clock clock) {
        this.stream = stream;
        this.listShards = listShards;
        this.clock = clock;
    }

    static ShardMapSource of(KinesisClient client, String stream, Clock clock) {
        return new ShardMapSource(
                stream,
                token ->
                        client.listShards(
                                r -> {
                                    if (token == null) {
                                        r.streamName(stream);
                                    } else {
                                        r.nextToken(token);
                                    }
                                }),
                clock);
    }

    synchronized Optional<ShardMap> current() {
        Instant now = clock.instant();
        if (now.isBefore(nextListing)) {
            return Optional.ofNullable(map);
        }
        try {
            List<Shard> shards = new ArrayList<>();
            String token = null;
            do {
                ListShardsResponse page = listShards.apply(token);
                shards.addAll(page.shards());
                token = page.nextToken();
            } while (token != null);
            map = ShardMap.of(shards);
            nextListing = now.plus(REFRESH);
            warned = false;
        } catch (SdkException | IllegalArgumentException e) {
            nextListing = now.plus(RETRY_LISTING);
            if (!warned) {
                warned = true;
                log.warn(
                        "kinesis stream {}: cannot list its shards ({}); {}",
                        stream,
                        e instanceof SdkException sdk
                                ? KinesisErrorClassifier.describe(sdk)
                                : e.getMessage(),
                        map == null
                                ? "aggregating by partition key until it can (allow kinesis:ListShards)"
                                : "keeping the last shard map");
            }
        }
        return Optional.ofNullable(map);
    }

    /** A put landed off the map: list the shards again before the next packing. */
    synchronized void invalidate() {
        nextListing = Instant.MIN;
    }
}
