package dev.hakobu.outputs.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hakobu.output.Chunk;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.OutputCounters;
import dev.hakobu.output.WriteResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every output that answers per record must do, against its real server: deliver a chunk whose
 * one bad record the sink refuses (the rest stored, the bad one in dead letters with the reason),
 * report health truthfully, count what it did, and close more than once.
 */
public abstract class OutputConformanceTest {
    /** The record of {@link #chunkWithOneRefusedRecord} that the sink refuses. */
    protected static final int REFUSED_INDEX = 2;

    protected static final int RECORDS = 5;

    @TempDir protected Path deadLetters;

    /** An output writing to the test's server. */
    protected abstract Output output(OutputContext context);

    /** An output whose sink address answers nothing (a closed port). */
    protected abstract Output unreachableOutput(OutputContext context);

    /** {@value #RECORDS} records, each carrying {@code chunkId}; the one at {@value #REFUSED_INDEX} the sink refuses for good. */
    protected abstract Chunk chunkWithOneRefusedRecord(String chunkId);

    /** How many records the sink holds for {@code chunkId}. */
    protected abstract long stored(String chunkId) throws Exception;

    protected OutputContext context() {
        return new OutputContext("conformance", "n1", Clock.systemUTC(), deadLetters);
    }

    @Test
    void aRefusedRecordGoesToDeadLettersWithTheReasonWhileTheOthersAreDelivered() throws Exception {
        try (Output out = output(context())) {
            WriteResult r = out.write(chunkWithOneRefusedRecord("conf-partial"));

            assertThat(r).isEqualTo(WriteResult.DELIVERED);
            assertThat(stored("conf-partial")).isEqualTo(RECORDS - 1);
            List<String> lines =
                    Files.readAllLines(deadLetters.resolve("conf-partial.records.jsonl"));
            assertThat(lines).hasSize(1);
            assertThat(field(lines.get(0), "index")).isEqualTo(String.valueOf(REFUSED_INDEX));
            assertThat(field(lines.get(0), "reason")).isNotBlank();
            assertThat(field(lines.get(0), "chunk_id")).isEqualTo("conf-partial");
            OutputCounters c = out.counters().orElseThrow();
            assertThat(c.recordsIn.sum()).isEqualTo(RECORDS);
            assertThat(c.recordsDelivered.sum()).isEqualTo(RECORDS - 1);
            assertThat(c.recordsDeadLettered.sum()).isEqualTo(1);
            assertThat(c.requests.sum()).isPositive();
            assertThat(c.bytesOut.sum()).isPositive();
        }
    }

    @Test
    void countersAppearInAMeterRegistryUnderTheModulesNames() {
        try (Output out = output(context())) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            out.counters().orElseThrow().bindTo(registry, "conformance");
            out.counters().orElseThrow().recordsIn.add(3);
            assertThat(
                            registry.get("hakobu.output.records.in")
                                    .tag("output", "conformance")
                                    .functionCounter()
                                    .count())
                    .isEqualTo(3);
            assertThat(
                            registry.get("hakobu.output.request.errors")
                                    .tag("type", "unreachable")
                                    .functionCounter()
                                    .count())
                    .isZero();
        }
    }

    @Test
    void anUnreachableSinkIsReportedDownAndItsChunksLeftForRetry() {
        try (Output out = unreachableOutput(context())) {
            assertThat(out.health().up()).isFalse();
            assertThat(out.health().detail()).isNotBlank();
            assertThat(out.write(chunkWithOneRefusedRecord("conf-down")))
                    .isInstanceOf(WriteResult.Retry.class);
            assertThat(
                            out.counters()
                                    .orElseThrow()
                                    .requestErrors(OutputCounters.ErrorType.UNREACHABLE))
                    .isPositive();
        }
    }

    @Test
    void aReachableSinkIsReportedUp() {
        try (Output out = output(context())) {
            assertThat(out.health().up()).as(out.health().detail()).isTrue();
        }
    }

    @Test
    void theOutputStatesItsDeliveryGuaranteeAndCounts() {
        try (Output out = output(context())) {
            assertThat(out.deliveryGuarantee()).isNotNull();
            assertThat(out.counters())
                    .as("a batch API output counts its requests and records")
                    .isPresent();
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        Output out = output(context());
        out.close();
        assertThatCode(out::close).doesNotThrowAnyException();
    }

    /** A top-level field of a JSON line, as text. */
    protected static String field(String json, String name) throws Exception {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String n = p.currentName();
                p.nextToken();
                if (n.equals(name)) {
                    return p.getText();
                }
                p.skipChildren();
            }
        }
        return null;
    }
}
