package dev.hakobu.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Properties of query-parameter masking over generated values ({@link SecretShapes}): whatever the shape,
 * no secret survives, every other parameter stays readable, masking again changes nothing, and the wire
 * form (str or bin) and the path (chunk or single record) do not change the result. A fixed number of
 * seeded tries, so a run is quick and repeatable; {@code -Dmask.seed=N} explores other values. A failing
 * query is shrunk, part by part, to a smallest query that still fails, and reported with its seed.
 *
 * <p>A plain JUnit test with its own small generator rather than a property-testing library: jqwik 1.10
 * asks not to be used by AI coding agents, and this code is written with one.
 */
class MaskPropertiesTest {
    private static final int TRIES = Integer.getInteger("mask.tries", 3_000);
    private static final long SEED = Long.getLong("mask.seed", 2020_08_14L);

    private static Masker masker(MaskAction action) {
        return Masker.of(
                List.of(
                        new MaskRuleConfig(
                                Optional.of("parameter"),
                                List.of("token", "password"),
                                Optional.empty(),
                                action,
                                "***",
                                4,
                                Optional.of("k3y"))));
    }

    @Test
    void noSecretSurvivesAndEveryOtherParameterStaysReadable() {
        SplittableRandom random = new SplittableRandom(SEED);
        SecretShapes shapes = new SecretShapes(random);
        int secrets = 0;
        for (int i = 0; i < TRIES; i++) {
            MaskAction action = random.nextInt(4) == 0 ? MaskAction.REMOVE : MaskAction.REDACT;
            SecretShapes.Case c = shapes.next();
            String failure = check(masker(action), c);
            if (failure != null) {
                throw new AssertionError(
                        "seed "
                                + SEED
                                + ", try "
                                + i
                                + ", "
                                + action
                                + ", "
                                + c.form()
                                + ": "
                                + failure
                                + "\nparameter: "
                                + show(c.parameter())
                                + shrunk(masker(action), c));
            }
            secrets += c.secrets().size();
        }
        assertThat(secrets).as("secrets generated").isGreaterThan(TRIES);
    }

    @Test
    void hashAndKeepLastAreIdempotentAndLeaveNoSecretWhole() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        SecretShapes shapes = new SecretShapes(random);
        for (int i = 0; i < TRIES / 3; i++) {
            MaskAction action = random.nextBoolean() ? MaskAction.HASH : MaskAction.KEEP_LAST;
            SecretShapes.Case c = shapes.next();
            byte[] once =
                    MaskRecords.maskChunk(
                            masker(action), MaskRecords.pack(record(c.parameter()), false));
            String text = new String(once, StandardCharsets.UTF_8);
            for (String secret : c.secrets()) {
                assertThat(text)
                        .as("seed %d, try %d, %s: %s", SEED + 1, i, action, show(c.parameter()))
                        .doesNotContain(secret);
            }
            assertThat(MaskRecords.maskChunk(masker(action), once))
                    .as("seed %d, try %d, %s: masking again", SEED + 1, i, action)
                    .isEqualTo(once);
        }
    }

    /** @return what is wrong with masking this case, or null */
    private static String check(Masker masker, SecretShapes.Case c) {
        byte[] asStr = MaskRecords.pack(record(c.parameter()), false);
        byte[] masked = MaskRecords.maskChunk(masker, asStr);
        String text = new String(masked, StandardCharsets.UTF_8);
        for (String secret : c.secrets()) {
            if (text.contains(secret)) {
                return "secret " + secret + " survived: " + show(MaskRecords.read(masked));
            }
        }
        for (String kept : c.kept()) {
            if (!text.contains(kept)) {
                return kept + " was lost: " + show(MaskRecords.read(masked));
            }
        }
        if (!java.util.Arrays.equals(MaskRecords.maskChunk(masker, masked), masked)) {
            return "masking again changed " + show(MaskRecords.read(masked));
        }
        if (!java.util.Arrays.equals(MaskRecords.maskRecord(masker, asStr), masked)) {
            return "the single-record path differs";
        }
        byte[] fromBin =
                MaskRecords.maskChunk(masker, MaskRecords.pack(record(c.parameter()), true));
        if (!textOf(MaskRecords.read(fromBin)).equals(textOf(MaskRecords.read(masked)))) {
            return "sent as bin, it came out as " + show(MaskRecords.read(fromBin));
        }
        Map<String, Object> decoded = masker.apply(record(c.parameter()));
        if (!textOf(decoded).equals(textOf(MaskRecords.read(masked)))) {
            return "the decoded-map path gave " + show(decoded);
        }
        return null;
    }

    /**
     * For a query that masking again changes, or that the paths or wire forms mask differently, the
     * shortest text found by deleting characters that still does. (A surviving secret is reported as
     * generated: deleting characters from a name would turn it into a non-secret.)
     */
    private static String shrunk(Masker masker, SecretShapes.Case c) {
        Predicate<String> fails =
                q -> check(masker, new SecretShapes.Case("query", q, List.of(), List.of())) != null;
        if (!(c.parameter() instanceof String query) || !fails.test(query)) {
            return "";
        }
        String smallest = query;
        for (int len = Math.max(1, smallest.length() / 2); len >= 1; len = len == 1 ? 0 : len / 2) {
            for (int at = 0; at + len <= smallest.length(); ) {
                String candidate = smallest.substring(0, at) + smallest.substring(at + len);
                if (fails.test(candidate)) {
                    smallest = candidate;
                } else {
                    at++;
                }
            }
        }
        return "\nshrunk to: "
                + show(smallest)
                + "\nmasked: "
                + show(masker.apply(record(smallest)).get("parameter"));
    }

    private static Map<String, Object> record(Object parameter) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("camera_id", "camera2");
        r.put("parameter", parameter);
        r.put("user", "share-user");
        return r;
    }

    private static Object textOf(Object v) {
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), textOf(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(textOf(x)));
            return out;
        }
        return v;
    }

    private static String show(Object v) {
        return SecretShapes.json(textOf(v));
    }
}
