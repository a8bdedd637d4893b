package dev.hakobu.bench.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Four times a second, lines written so far (from the writer) and events delivered so far (the sum of every
 * aggregator's {@code hakobu_output_delivered_events_total{output="out"}}), for the throughput chart and to
 * know when the run is over. One HTTP scrape per aggregator each time costs next to nothing.
 */
final class DeliverySampler {
    private static final Pattern DELIVERED =
            Pattern.compile(
                    "(?m)^hakobu_output_delivered_events_total\\{output=\"out\"} ([0-9.Ee+]+)$");
    private static final long PERIOD_NANOS = 250_000_000L;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Integer> httpPorts;
    private final LongSupplier written;
    private final List<Sample> samples = new ArrayList<>();

    /** Lines written and events delivered {@code seconds} after the load started. */
    record Sample(double seconds, long written, long delivered) {}

    DeliverySampler(List<Integer> httpPorts, LongSupplier written) {
        this.httpPorts = httpPorts;
        this.written = written;
    }

    /** One scrape of every aggregator before the run: the HTTP client's first request takes seconds on a busy machine. */
    void prime() throws Exception {
        delivered();
    }

    /**
     * Samples every 250 ms until {@code total} events are delivered, or nothing has moved for {@code stallSeconds}.
     * @return the samples, the last one at the end of the run
     */
    List<Sample> runUntil(long startNanos, long total, int stallSeconds) throws Exception {
        long lastMove = System.nanoTime();
        long last = -1;
        for (long tick = 1; ; tick++) {
            long next = startNanos + tick * PERIOD_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the sampling period
            }
            long delivered = delivered();
            samples.add(
                    new Sample(
                            (System.nanoTime() - startNanos) / 1e9,
                            written.getAsLong(),
                            delivered));
            if (delivered != last) {
                lastMove = System.nanoTime();
                last = delivered;
            }
            if (delivered >= total
                    || System.nanoTime() - lastMove > stallSeconds * 1_000_000_000L) {
                return samples;
            }
        }
    }

    private long delivered() throws Exception {
        long sum = 0;
        for (int port : httpPorts) {
            String body =
                    http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            Matcher m = DELIVERED.matcher(body);
            sum += m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        }
        return sum;
    }
}
