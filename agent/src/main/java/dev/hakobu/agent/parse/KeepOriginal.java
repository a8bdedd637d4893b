package dev.hakobu.agent.parse;

import dev.hakobu.event.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * {@code keep_original: FIELD}: after the wrapped parser built its record, the line itself is added as
 * the string {@code FIELD}, byte for byte, whatever the parser made of it (and whether it parsed or not).
 * The event time is the wrapped parser's.
 *
 * <p>Parsed fields of the same name are dropped: the line holds it anyway, so nothing is lost. A line that
 * is not valid UTF-8 cannot be a msgpack string as it is: {@code FIELD} then holds it with U+FFFD for the bad
 * bytes (as {@code message} always does) and {@value #BASE64} holds the exact bytes, base64-encoded, so the
 * line is never lost.
 *
 * <p>Only built when the option is set: the parsers' default path does not know it exists.
 */
final class KeepOriginal implements LineParser {
    static final String BASE64 = "_original_base64";

    private final LineParser parser;
    private final String field;
    private final byte[] encodedField;
    private final byte[] encodedBase64;

    KeepOriginal(LineParser parser, String field) {
        this.parser = parser;
        this.field = field;
        this.encodedField = encoded(field);
        this.encodedBase64 = encoded(BASE64);
    }

    /** {@code parser} itself when {@code field} is absent, so the option costs nothing when off. */
    /** Checks a parser config's {@code keep_original} at load. */
    static void check(java.util.Optional<String> field) {
        if (field.isPresent() && field.get().isEmpty()) {
            throw new IllegalArgumentException(
                    "keep_original: names the field that keeps the line, e.g. message");
        }
    }

    static LineParser wrap(LineParser parser, java.util.Optional<String> field) {
        return field.<LineParser>map(f -> new KeepOriginal(parser, f)).orElse(parser);
    }

    @Override
    public void parse(byte[] buf, int off, int len, long arrivalNanos, RecordBuilder out) {
        parser.parse(buf, off, len, arrivalNanos, out);
        out.removeFields(encodedField);
        out.key(field);
        if (Utf8.isValid(buf, off, len)) {
            out.rawString(buf, off, len);
        } else {
            out.value(new String(buf, off, len, StandardCharsets.UTF_8));
            out.removeFields(encodedBase64);
            out.string(
                    BASE64,
                    Base64.getEncoder()
                            .encodeToString(java.util.Arrays.copyOfRange(buf, off, off + len)));
        }
        out.finish();
    }

    /** The name as msgpack str bytes, as {@link RecordBuilder#key(String)} writes it. */
    private static byte[] encoded(String name) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packString(name);
            return p.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
