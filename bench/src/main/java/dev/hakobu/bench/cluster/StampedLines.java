package dev.hakobu.bench.cluster;

import dev.hakobu.bench.SampleLines;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lines of story S1 (JSON API calls: camera ids, users, {@code parameter} query strings with tokens) and
 * story S2 (LTSV access logs: {@code -} sizes, float request times) from {@link SampleLines}, each
 * prefixed with three fields the harness reads back downstream: {@code ts_us} (epoch microseconds when
 * the line was written, for latency), {@code sid} (which file) and {@code seq} (its number in that file,
 * for exactly-once counting).
 */
final class StampedLines {
    private static final int POOL = 4096;
    private final byte[][] json = SampleLines.json(POOL, 14);
    private final byte[][] ltsv = SampleLines.ltsv(POOL, 16);

    /** Appends one line and its newline. */
    void append(ByteArrayOutputStream out, boolean asLtsv, int sid, long seq, long writtenMicros) {
        int pick = (int) ((seq * 31 + sid) % POOL);
        if (asLtsv) {
            out.writeBytes(
                    ("ts_us:" + writtenMicros + "\tsid:" + sid + "\tseq:" + seq + "\t")
                            .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(ltsv[pick]);
        } else {
            byte[] line = json[pick];
            out.writeBytes(
                    ("{\"ts_us\": "
                                    + writtenMicros
                                    + ", \"sid\": "
                                    + sid
                                    + ", \"seq\": "
                                    + seq
                                    + ", ")
                            .getBytes(StandardCharsets.US_ASCII));
            out.write(line, 1, line.length - 1); // the sample's own fields after its '{'
        }
        out.write('\n');
    }
}
