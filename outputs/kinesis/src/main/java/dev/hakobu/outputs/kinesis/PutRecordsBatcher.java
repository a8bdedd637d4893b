package dev.hakobu.outputs.kinesis;

import java.util.ArrayList;
import java.util.List;

/** Splits entries, in order, into PutRecords calls of at most 500 records and 5 MiB. */
final class PutRecordsBatcher {
    private PutRecordsBatcher() {}

    static List<List<KinesisEntry>> split(List<KinesisEntry> entries) {
        List<List<KinesisEntry>> calls = new ArrayList<>();
        List<KinesisEntry> call = new ArrayList<>();
        long bytes = 0;
        for (KinesisEntry e : entries) {
            long size = e.size();
            if (!call.isEmpty()
                    && (call.size() == KinesisLimits.MAX_RECORDS_PER_CALL
                            || bytes + size > KinesisLimits.MAX_BYTES_PER_CALL)) {
                calls.add(call);
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(e);
            bytes += size;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }
}
