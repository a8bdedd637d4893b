package dev.hakobu.outputs.s3;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hakobu.encoding.EventTimeFormat;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Athena column types inferred from sample JSON lines, chosen so that no value of the sample fails
 * or overflows its column: integers {@code bigint}, integers beyond it {@code decimal(38,0)} and
 * beyond that {@code string}; fractions {@code double}; booleans {@code boolean}; JSON arrays {@code
 * array<...>} and objects {@code struct<...>} of their members' types; everything else {@code
 * string}. Types of one field across lines widen: an integer and a fraction make {@code double},
 * structs merge their fields, arrays widen their elements, other mixtures are {@code string}. A
 * field that is only ever null, an empty array's element and an empty object are {@code string}.
 */
public final class AthenaColumns {
    private static final JsonFactory JSON = new JsonFactory();
    private static final BigInteger DECIMAL_38 = BigInteger.TEN.pow(38);

    private AthenaColumns() {}

    public static Map<String, String> infer(List<String> lines) throws IOException {
        Map<String, AthenaType> columns = new LinkedHashMap<>();
        for (String line : lines) {
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    continue;
                }
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    p.nextToken();
                    columns.merge(name, typeOf(p), AthenaType::widen);
                }
            } catch (IOException e) {
                // a malformed sample line says nothing about the columns
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        columns.forEach((name, type) -> out.put(name, type.ddl()));
        return out;
    }

    /**
     * The column type of the event time as the S3 output writes it. ISO-8601 is a string: the JSON SerDes
     * parse a timestamp only without fraction digits, and store it without its offset; queries convert it
     * with {@code from_iso8601_timestamp}. Epoch seconds and milliseconds are integers.
     */
    public static String of(EventTimeFormat format) {
        return switch (format) {
            case ISO8601 -> "string";
            case EPOCH_SECONDS, EPOCH_MILLIS -> "bigint";
        };
    }

    /** The type of the value at the parser's current token; leaves the parser on its last token. */
    private static AthenaType typeOf(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> integer(p);
            case VALUE_NUMBER_FLOAT -> AthenaType.DOUBLE;
            case VALUE_TRUE, VALUE_FALSE -> AthenaType.BOOLEAN;
            case VALUE_NULL -> AthenaType.NULL;
            case START_ARRAY -> {
                AthenaType element = AthenaType.NULL;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    element = element.widen(typeOf(p));
                }
                yield new AthenaType.Array(element);
            }
            case START_OBJECT -> {
                Map<String, AthenaType> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    fields.merge(name, typeOf(p), AthenaType::widen);
                }
                yield fields.isEmpty() ? AthenaType.STRING : new AthenaType.Struct(fields);
            }
            default -> AthenaType.STRING;
        };
    }

    private static AthenaType integer(JsonParser p) throws IOException {
        if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return AthenaType.BIGINT;
        }
        return p.getBigIntegerValue().abs().compareTo(DECIMAL_38) < 0
                ? AthenaType.DECIMAL
                : AthenaType.STRING;
    }
}
