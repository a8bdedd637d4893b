package dev.hakobu.bench;

import dev.hakobu.agent.parse.JsonParserConfig;
import dev.hakobu.agent.parse.LineParser;
import dev.hakobu.agent.parse.RecordBuilder;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.EventTimeFormat;
import dev.hakobu.encoding.JsonLinesEncoder;
import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.mask.MaskAction;
import dev.hakobu.mask.MaskRuleConfig;
import dev.hakobu.mask.Masker;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The aggregator's per-event Java work on one thread, without I/O or compression: validating a forward
 * chunk's entries, masking them with the harness's three rules, and transcoding them to JSON lines
 * (with and without the event time the outputs add by default).
 * Score = events per second; steadier than the end-to-end harness on a shared machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AggregatorPathBenchmark {
    private static final int EVENTS = 5_000;
    private static final EventTimeField EVENT_TIME =
            new EventTimeField("time", EventTimeFormat.ISO8601, ZoneId.of("Asia/Tokyo"), false);
    private Chunk chunk;
    private Masker masker;

    @Setup(Level.Trial)
    public void setUp() {
        LineParser parser =
                new JsonParserConfig(Optional.of("timestamp"), "iso8601", ZoneId.of("UTC")).build();
        RecordBuilder record = new RecordBuilder();
        EntryWriter entries = new EntryWriter(EVENTS * 200);
        for (byte[] line : SampleLines.json(EVENTS, 7)) {
            parser.parse(line, 0, line.length, 0, record);
            entries.add(
                    record.eventNanos(),
                    record.array(),
                    record.start(),
                    record.end() - record.start());
        }
        chunk =
                new Chunk(
                        "c",
                        "app.api",
                        Arrays.copyOf(entries.array(), entries.size()),
                        0,
                        entries.size(),
                        EVENTS);
        masker =
                Masker.of(
                        List.of(
                                new MaskRuleConfig(
                                        Optional.of("parameter"),
                                        List.of("token"),
                                        Optional.empty(),
                                        MaskAction.REDACT,
                                        "***",
                                        4,
                                        Optional.empty()),
                                new MaskRuleConfig(
                                        Optional.of("*secret*"),
                                        List.of(),
                                        Optional.empty(),
                                        MaskAction.REMOVE,
                                        "***",
                                        4,
                                        Optional.empty()),
                                new MaskRuleConfig(
                                        Optional.empty(),
                                        List.of(),
                                        Optional.of("email"),
                                        MaskAction.REDACT,
                                        "***",
                                        4,
                                        Optional.empty())));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int validate() {
        return EntryReader.count(chunk.entries(), chunk.offset(), chunk.length());
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int mask() {
        return masker.mask(chunk).length();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int transcodeToJson() {
        return transcode(Optional.empty());
    }

    /** What the file and S3 outputs do by default: each record also gets {@code "time"}, ISO-8601 in Asia/Tokyo. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int transcodeToJsonWithEventTime() {
        return transcode(Optional.of(EVENT_TIME));
    }

    private int transcode(Optional<EventTimeField> eventTime) {
        try (JsonLinesEncoder json =
                new JsonLinesEncoder(OutputStream.nullOutputStream(), eventTime)) {
            int[] n = {0};
            EntryReader.parse(
                    chunk.entries(),
                    chunk.offset(),
                    chunk.length(),
                    (nanos, buf, off, limit) -> {
                        try {
                            n[0]++;
                            return json.write(nanos, buf, off, limit - off);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            return n[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
