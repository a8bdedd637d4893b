package dev.hakobu.bench;

import dev.hakobu.agent.parse.JsonParserConfig;
import dev.hakobu.agent.parse.LineParser;
import dev.hakobu.agent.parse.LtsvParserConfig;
import dev.hakobu.agent.parse.ParseErrorMode;
import dev.hakobu.agent.parse.RecordBuilder;
import dev.hakobu.event.EntryWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's per-line work: line -> parsed record (time field read) -> PackedForward entry in a chunk
 * buffer. Score = lines per second on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
    private static final int LINES = 10_000;

    /** json_keep_original: json with keep_original: message (story S4), to compare with json. */
    @Param({"json", "ltsv", "json_keep_original"})
    public String format;

    private byte[][] lines;
    private LineParser parser;
    private final RecordBuilder record = new RecordBuilder();
    private final EntryWriter chunk = new EntryWriter(4 << 20);

    @Setup(Level.Trial)
    public void setUp() {
        if (format.equals("json")) {
            lines = SampleLines.json(LINES, 42);
            parser =
                    new JsonParserConfig(Optional.of("timestamp"), "iso8601", ZoneId.of("UTC"))
                            .build();
        } else if (format.equals("json_keep_original")) {
            lines = SampleLines.json(LINES, 42);
            parser =
                    new JsonParserConfig(
                                    Optional.of("timestamp"),
                                    "iso8601",
                                    ZoneId.of("UTC"),
                                    Map.of(),
                                    List.of("-", ""),
                                    ParseErrorMode.KEEP,
                                    Optional.of("message"))
                            .build();
        } else {
            lines = SampleLines.ltsv(LINES, 42);
            parser =
                    new LtsvParserConfig(
                                    Optional.of("time"), "dd/MMM/yyyy:HH:mm:ss Z", ZoneId.of("UTC"))
                            .build();
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int lineToRecordToMsgpack() {
        chunk.reset();
        for (byte[] line : lines) {
            parser.parse(line, 0, line.length, 1_597_371_753_000_000_000L, record);
            chunk.add(
                    record.eventNanos(),
                    record.array(),
                    record.start(),
                    record.end() - record.start());
        }
        return chunk.size();
    }
}
