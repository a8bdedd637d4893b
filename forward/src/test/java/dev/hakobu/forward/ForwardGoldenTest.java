package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.encoding.JsonLinesEncoder;
import dev.hakobu.event.EntryReader;
import dev.hakobu.testing.TestData;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames as Fluentd 1.18 and Fluent Bit 4.2.8 put them on the wire ({@code src-test-data/forward/*.hex}, written
 * from the msgpack spec and captured byte dumps), decoded as the aggregator stores them: each entry's event time
 * and its record as JSON ({@code *.expected}). Fluentd's bin keys and values must come out as text.
 */
class ForwardGoldenTest {
    static Stream<String> frames() throws IOException {
        try (Stream<Path> files = Files.list(TestData.file("forward"))) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".hex"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("frames")
    void eachFrameDecodesToTheStoredRecordsItsExpectedFileShows(String name) throws IOException {
        byte[] wire = hex(Files.readString(TestData.file("forward/" + name + ".hex")));
        String expected = Files.readString(TestData.file("forward/" + name + ".expected"));

        assertThat(stored(decodeWhole(wire))).isEqualTo(expected);
        assertThat(stored(decodeByteByByte(wire))).isEqualTo(expected);
    }

    private static ForwardRequest decodeWhole(byte[] wire) {
        EmbeddedChannel channel = new EmbeddedChannel(new ForwardDecoder(1 << 20, 1 << 20));
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        ForwardRequest request = channel.readInbound();
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
        return request;
    }

    private static ForwardRequest decodeByteByByte(byte[] wire) {
        EmbeddedChannel channel = new EmbeddedChannel(new ForwardDecoder(1 << 20, 1 << 20));
        for (byte b : wire) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        ForwardRequest request = channel.readInbound();
        channel.finishAndReleaseAll();
        return request;
    }

    /** The request as the expected files show it: a header line, then the time and the JSON of every entry. */
    private static String stored(ForwardRequest request) {
        StringBuilder out =
                new StringBuilder(
                        "tag "
                                + request.tag()
                                + " chunk "
                                + request.chunk()
                                + " entries "
                                + request.count()
                                + "\n");
        EntryReader.read(
                request.entries(),
                0,
                request.entries().length,
                (nanos, buf, off, len) -> {
                    ByteArrayOutputStream json = new ByteArrayOutputStream();
                    try (JsonLinesEncoder encoder = new JsonLinesEncoder(json)) {
                        encoder.write(buf, off, len);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    Instant time =
                            Instant.ofEpochSecond(
                                    Math.floorDiv(nanos, 1_000_000_000L),
                                    Math.floorMod(nanos, 1_000_000_000L));
                    out.append(time).append(' ').append(json.toString(StandardCharsets.UTF_8));
                });
        return out.toString();
    }

    private static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : List.of(text.split("\n"))) {
            if (!line.startsWith("#")) {
                digits.append(line.replaceAll("\\s+", ""));
            }
        }
        return HexFormat.of().parseHex(digits);
    }
}
