package dev.hakobu.mask;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.Range;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

@Doc(
        "One masking rule: what to find (field, query parameters inside it, or a pattern on values) and what to do.")
public record MaskRuleConfig(
        @Doc(
                        "Field to mask: a name, a glob (*token*), or a dotted path into nested maps (user.email, headers.*).")
                Optional<String> field,
        @Doc(
                        "Mask only these parameters inside the field's value: a query string (name=hoge&token=abc, also ?, ;, "
                                + "#, %-encoded or bracketed names, any case), JSON (a map, a list, or a string holding JSON), or these nested.")
                List<String> queryParams,
        @Doc(
                        "Mask text matching this in every string value: email, card, bearer, or a regular expression.")
                Optional<String> pattern,
        @Doc("remove, redact, hash or keep_last.") @Default("redact") MaskAction action,
        @Doc("What redact writes.") @Default("***") String replacement,
        @Doc("How many trailing characters keep_last keeps.")
                @Default("4")
                @Range(min = 0, max = 64)
                int keepLast,
        @Doc("The HMAC key for hash; read it from the environment: ${MASK_HASH_KEY}.")
                Optional<String> hashKey) {
    /** Values people leave in a config meaning "put the real key here": a key anyone can read is no key. */
    private static final Pattern PLACEHOLDER =
            Pattern.compile(
                    "(?i)change[-_ ]?me|replace[-_ ]?me|placeholder|your[-_ ]?(hmac[-_ ]?)?key");

    public MaskRuleConfig {
        if (field.isEmpty() && pattern.isEmpty()) {
            throw new IllegalArgumentException("a rule needs a field or a pattern");
        }
        if (!queryParams.isEmpty() && field.isEmpty()) {
            throw new IllegalArgumentException("query_params: needs a field to look in");
        }
        pattern.ifPresent(
                p -> {
                    try {
                        Patterns.compile(p);
                    } catch (PatternSyntaxException e) {
                        throw new IllegalArgumentException(
                                "pattern: not a valid regular expression: " + e.getDescription());
                    }
                });
        if (action == MaskAction.HASH && hashKey.map(String::isEmpty).orElse(true)) {
            throw new IllegalArgumentException(
                    "hash_key: required for action hash (e.g. hash_key: ${MASK_HASH_KEY})");
        }
        if (hashKey.isPresent() && PLACEHOLDER.matcher(hashKey.get()).find()) {
            throw new IllegalArgumentException(
                    "hash_key: still a placeholder; set a secret of your own (openssl rand -base64 24)"
                            + " in the environment, e.g. /etc/default/hakobu-aggregator, and write hash_key: ${HAKOBU_MASK_KEY}");
        }
    }

    /** A cheap test on raw msgpack bytes that a value may hold the pattern (no decoding). */
    interface BytePrefilter {
        boolean test(byte[] buf, int off, int len);
    }

    /** Built-in patterns by name, else the text as a regular expression. */
    static final class Patterns {
        private Patterns() {}

        /**
         * A cheap test that a value may hold the pattern at all: running the regex over every string
         * value was most of the aggregator's CPU in profiling, and most values hold no '@' or digits.
         */
        static java.util.function.Predicate<String> prefilter(String p) {
            return switch (p) {
                case "email" -> s -> s.indexOf('@') > 0;
                case "card" -> s -> s.chars().filter(Character::isDigit).limit(13).count() == 13;
                case "bearer" ->
                        s ->
                                s.regionMatches(true, 0, "bearer", 0, 6)
                                        || s.toLowerCase(java.util.Locale.ROOT).contains("bearer");
                default -> s -> true;
            };
        }

        /** {@link #prefilter} on raw bytes: strings in msgpack are UTF-8, so ASCII markers can be looked for directly. */
        static BytePrefilter bytePrefilter(String p) {
            return switch (p) {
                case "email" -> (b, o, l) -> indexOf(b, o, l, (byte) '@');
                case "card" ->
                        (b, o, l) -> {
                            int digits = 0;
                            for (int i = o; i < o + l && digits < 13; i++) {
                                digits += b[i] >= '0' && b[i] <= '9' ? 1 : 0;
                            }
                            return digits >= 13;
                        };
                case "bearer" ->
                        (b, o, l) ->
                                indexOf(b, o, l, (byte) 'r')
                                        && (indexOf(b, o, l, (byte) 'B')
                                                || indexOf(b, o, l, (byte) 'b'));
                default -> (b, o, l) -> true;
            };
        }

        /** Whether {@code x} occurs in the range; eight bytes per step (it runs over every value of every record). */
        private static boolean indexOf(byte[] b, int off, int len, byte x) {
            long pattern = (x & 0xffL) * 0x0101010101010101L;
            int i = off;
            int end = off + len;
            for (; i + 8 <= end; i += 8) {
                long v = (long) LONGS.get(b, i) ^ pattern;
                if (((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) != 0) {
                    return true;
                }
            }
            for (; i < end; i++) {
                if (b[i] == x) {
                    return true;
                }
            }
            return false;
        }

        private static final java.lang.invoke.VarHandle LONGS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
                        long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

        static Pattern compile(String p) {
            return switch (p) {
                case "email" -> Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
                case "card" -> Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
                case "bearer" -> Pattern.compile("(?i)(?<=bearer\\s)[A-Za-z0-9._~+/=-]+");
                default -> Pattern.compile(p);
            };
        }
    }
}
