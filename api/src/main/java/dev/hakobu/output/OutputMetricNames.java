package dev.hakobu.output;

/** Metric names of this module, in one place. Every meter carries one tag, {@code output} (the name). */
public final class OutputMetricNames {
    public static final String RECORDS_IN = "hakobu.output.records.in";
    public static final String RECORDS_DELIVERED = "hakobu.output.records.delivered";

    /** Records sent again within a write (throttled, server errors). */
    public static final String RECORDS_RETRIED = "hakobu.output.records.retried";

    public static final String RECORDS_DEAD_LETTERED = "hakobu.output.records.dead.lettered";

    /** Bytes sent to the sink (encoded and compressed); Prometheus shows {@code hakobu_output_sent_bytes_total}. */
    public static final String BYTES_OUT = "hakobu.output.sent.bytes";

    public static final String REQUESTS = "hakobu.output.requests";

    /** Requests that failed as a whole (unreachable, refused, throttled); tag {@code type}. */
    public static final String REQUEST_ERRORS = "hakobu.output.request.errors";

    public static final String TAG_OUTPUT = "output";
    public static final String TAG_TYPE = "type";

    private OutputMetricNames() {}
}
