package dev.hakobu.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.agent.parse.JsonParserConfig;
import dev.hakobu.agent.parse.LineParser;
import dev.hakobu.agent.parse.RecordBuilder;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.config.TypeRegistry;
import dev.hakobu.encoding.JsonLinesEncoder;
import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import dev.hakobu.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Story S1's records through the rules of {@code src-test-data/mask/rules.yaml} must give
 * {@code s1.expected} exactly (regenerate with -Dgolden.update=true, then review), and no secret of
 * the input may survive anywhere in the output.
 */
class MaskerGoldenTest {
    record Rules(List<MaskRuleConfig> mask) {}

    private static final List<String> SECRETS =
            List.of(
                    "abc123",
                    "p4ss",
                    "owner@example.com",
                    "admin@example.org",
                    "s3cr3t",
                    "411111111111",
                    "eyJhbGciOi",
                    "zzz",
                    "second",
                    "a@b.co",
                    "zq9x",
                    "p4ss2",
                    "jt0k",
                    "1234567",
                    "jt1k");

    @Test
    void storyS1RecordsAreMaskedAsTheGoldenFileSays() throws Exception {
        Rules rules =
                new ConfigLoader(TypeRegistry.of(List.of()), Map.of("MASK_HASH_KEY", "test-key"))
                        .load(TestData.file("mask/rules.yaml"), Rules.class);
        Masker masker = Masker.of(rules.mask());

        String masked = encode(masker.mask(chunk(TestData.file("mask/s1.in"))));

        Path expected = TestData.file("mask/s1.expected");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, masked);
        }
        assertThat(masked).isEqualTo(Files.readString(expected));
        for (String secret : SECRETS) {
            assertThat(masked).as("secret " + secret).doesNotContain(secret);
        }
        assertThat(masked)
                .contains("name=hoge")
                .contains("name=camera1")
                .contains("\"camera_id\":\"camera2\"");
    }

    @Test
    void hashingIsStableAndDependsOnTheKey() {
        MaskRuleConfig rule =
                new MaskRuleConfig(
                        Optional.of("user"),
                        List.of(),
                        Optional.empty(),
                        MaskAction.HASH,
                        "***",
                        4,
                        Optional.of("k1"));
        MaskRuleConfig other =
                new MaskRuleConfig(
                        Optional.of("user"),
                        List.of(),
                        Optional.empty(),
                        MaskAction.HASH,
                        "***",
                        4,
                        Optional.of("k2"));
        Object a =
                Masker.of(List.of(rule))
                        .apply(new java.util.HashMap<>(Map.of("user", "alice")))
                        .get("user");
        Object b =
                Masker.of(List.of(rule))
                        .apply(new java.util.HashMap<>(Map.of("user", "alice")))
                        .get("user");
        Object c =
                Masker.of(List.of(other))
                        .apply(new java.util.HashMap<>(Map.of("user", "alice")))
                        .get("user");
        assertThat(a)
                .isEqualTo(b)
                .isNotEqualTo(c)
                .asString()
                .startsWith("hmac:")
                .doesNotContain("alice");
    }

    private static Chunk chunk(Path lines) throws IOException {
        LineParser parser =
                new JsonParserConfig(Optional.of("timestamp"), "iso8601", ZoneId.of("UTC")).build();
        RecordBuilder record = new RecordBuilder();
        EntryWriter entries = new EntryWriter(4096);
        for (String line : Files.readAllLines(lines)) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            parser.parse(bytes, 0, bytes.length, 0, record);
            entries.add(
                    record.eventNanos(),
                    record.array(),
                    record.start(),
                    record.end() - record.start());
        }
        return new Chunk("c1", "app.api", entries.array(), 0, entries.size(), entries.count());
    }

    private static String encode(Chunk chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesEncoder enc = new JsonLinesEncoder(out)) {
            EntryReader.read(
                    chunk.entries(),
                    chunk.offset(),
                    chunk.length(),
                    (nanos, buf, off, len) -> {
                        try {
                            enc.write(buf, off, len);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
