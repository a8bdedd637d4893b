package dev.hakobu.output;


/**
 * An output that can say whether its sink answers and count what it did. Kept in this module so the
 * Output SPI stays one method; the aggregator's health and metrics endpoints check for it.
 */
public interface InstrumentedOutput extends Output {

    /** Asks the sink now (a cheap request with a short timeout); never throws. Callable from any thread. */
    Health health();

    OutputCounters counters();
}
