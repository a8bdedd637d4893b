package dev.hakobu.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.event.MsgpackReader;
import dev.hakobu.event.MsgpackValues;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ObjLongConsumer;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The chunk path (raw-byte field selection, the key cache, region prefilters, query masking on bytes)
 * must give, record for record, what applying every rule to the decoded record gives.
 */
class MaskerChunkTest {
    private static final String[] KEYS = {
        "parameter", "api_secret", "user", "camera_id", "email", "note", "Parameter", "secret"
    };
    private static final String[] TEXTS = {
        "name=hoge&token=abc123",
        "TOKEN=x&name=y",
        "owner@example.com",
        "camera2",
        "",
        "mail me at a@b.co please",
        "s3cr3t",
        "token",
        "name=日本&token=z"
    };

    @Test
    void theChunkPathMasksEveryRecordAsTheRulesDoOnTheDecodedRecord() throws IOException {
        Masker masker =
                Masker.of(
                        List.of(
                                rule("parameter", List.of("token"), null, MaskAction.REDACT),
                                rule("*secret*", List.of(), null, MaskAction.REMOVE),
                                rule(null, List.of(), "email", MaskAction.REDACT),
                                rule("user.email", List.of(), null, MaskAction.HASH),
                                rule("note", List.of(), null, MaskAction.KEEP_LAST)));
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            List<Map<String, Object>> records = new ArrayList<>();
            EntryWriter entries = new EntryWriter(1024);
            for (int i = 0; i < random.nextInt(1, 30); i++) {
                Map<String, Object> record = record(random);
                records.add(record);
                MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
                MsgpackValues.pack(record, p);
                byte[] bytes = p.toByteArray();
                entries.add(1_597_370_400_000_000_000L + i, bytes, 0, bytes.length);
            }
            Chunk masked =
                    masker.mask(
                            new Chunk(
                                    "c",
                                    "app.api",
                                    entries.array(),
                                    0,
                                    entries.size(),
                                    entries.count()));
            List<Object> actual = new ArrayList<>();
            read(masked, (record, nanos) -> actual.add(record));
            List<Object> expected = new ArrayList<>();
            records.forEach(r -> expected.add(masker.apply(new LinkedHashMap<>(r))));
            assertThat(actual).as("round %d", round).isEqualTo(expected);
            assertThat(actual.toString())
                    .as("the e-mail pattern applies to every value")
                    .doesNotContain("owner@example.com")
                    .doesNotContain("a@b.co");
        }
    }

    @Test
    void recordsKeptBeforeTheFirstChangeAreAllWrittenInOrderWithTheirTimes() throws IOException {
        Masker masker =
                Masker.of(List.of(rule("parameter", List.of("token"), null, MaskAction.REDACT)));
        EntryWriter entries = new EntryWriter(1024);
        int n = 300;
        for (int i = 0; i < n; i++) {
            String parameter = i == 200 ? "name=x&token=secret" : "name=" + i;
            byte[] bytes = MaskRecords.pack(Map.of("i", (long) i, "parameter", parameter), false);
            entries.add(1_597_370_400_000_000_000L + i, bytes, 0, bytes.length);
        }
        Chunk chunk = new Chunk("c", "app.api", entries.array(), 0, entries.size(), n);
        Chunk masked = masker.mask(chunk);
        assertThat(masked).isNotSameAs(chunk);
        assertThat(masked.count()).isEqualTo(n);
        List<String> seen = new ArrayList<>();
        read(
                masked,
                (record, nanos) -> seen.add((nanos - 1_597_370_400_000_000_000L) + " " + record));
        assertThat(seen).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(seen.get(i)).startsWith(i + " ").contains("i=" + i);
        }
        assertThat(seen.get(200)).contains("token=").doesNotContain("secret");
        assertThat(seen.get(199)).contains("parameter=name=199");

        EntryWriter clean = new EntryWriter(1024);
        for (int i = 0; i < n; i++) {
            byte[] bytes = MaskRecords.pack(Map.of("i", (long) i, "parameter", "name=" + i), false);
            clean.add(1_597_370_400_000_000_000L + i, bytes, 0, bytes.length);
        }
        Chunk untouched = new Chunk("d", "app.api", clean.array(), 0, clean.size(), n);
        assertThat(masker.mask(untouched))
                .as("no record changed: the chunk itself")
                .isSameAs(untouched);
    }

    @Test
    void maskingTwiceChangesNothingSoReplayedChunksKeepTheirPseudonyms() throws IOException {
        Masker masker =
                Masker.of(
                        List.of(
                                rule("parameter", List.of("token"), null, MaskAction.HASH),
                                rule("user", List.of(), null, MaskAction.HASH),
                                rule("note", List.of(), null, MaskAction.KEEP_LAST),
                                rule(null, List.of(), "email", MaskAction.REDACT)));
        Map<String, Object> record =
                new LinkedHashMap<>(
                        Map.of(
                                "parameter",
                                "name=hoge&token=abc123",
                                "user",
                                "alice",
                                "note",
                                "card 4111 1111",
                                "email",
                                "owner@example.com"));
        Map<String, Object> once = masker.apply(new LinkedHashMap<>(record));
        Map<String, Object> twice = masker.apply(new LinkedHashMap<>(once));
        assertThat(once.get("user")).asString().startsWith("hmac:").isNotEqualTo("alice");
        assertThat(twice).isEqualTo(once);
    }

    /** Each entry of the chunk: its time and its record, decoded. */
    private static void read(Chunk chunk, ObjLongConsumer<Object> entry) {
        MsgpackReader reader = new MsgpackReader();
        EntryReader.read(
                chunk.entries(),
                chunk.offset(),
                chunk.length(),
                (nanos, buf, off, len) -> {
                    try {
                        entry.accept(reader.read(buf, off, len), nanos);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    private static Map<String, Object> record(SplittableRandom r) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int k = 0; k < r.nextInt(1, 7); k++) {
            String key = KEYS[r.nextInt(KEYS.length)];
            Object value =
                    switch (r.nextInt(4)) {
                        case 0 -> (long) r.nextInt(1000);
                        case 1 ->
                                new LinkedHashMap<>(
                                        Map.of("email", TEXTS[r.nextInt(TEXTS.length)]));
                        default -> TEXTS[r.nextInt(TEXTS.length)];
                    };
            record.put(key, value);
        }
        return record;
    }

    private static MaskRuleConfig rule(
            String field, List<String> params, String pattern, MaskAction action) {
        return new MaskRuleConfig(
                Optional.ofNullable(field),
                params,
                Optional.ofNullable(pattern),
                action,
                "***",
                4,
                Optional.of("k"));
    }
}
