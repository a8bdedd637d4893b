package dev.hakobu.outputs.parquet;

import dev.hakobu.encoding.ColumnarOptions.DeclaredType;
import dev.hakobu.encoding.ValueJson;
import dev.hakobu.outputs.format.IsoTimes;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.msgpack.value.Value;

/**
 * Which values fit a declared column, and the cell each one becomes; the same conventions as the agent's
 * {@code types} and the Elasticsearch output's declared fields. string: any scalar (a number's or boolean's
 * text). bigint: an integer in the signed 64-bit range, or a string of one. double: any integer, a finite
 * float, or a string of a decimal number. boolean: true/false or the strings "true"/"false". timestamp: an
 * ISO-8601 date or date-time (fraction and offset optional; no offset is UTC), or a number of epoch seconds
 * (below 10^11 in magnitude, fraction allowed) or epoch milliseconds (from 10^11), as microseconds UTC.
 * json: anything, as its JSON text (a string with its quotes). Maps and arrays fit only json.
 */
final class DeclaredValues {
    /** What {@link #cell} returns for a value that does not fit. */
    static final Object MISFIT = new Object();

    private static final long EPOCH_MILLIS_FROM = 100_000_000_000L;
    private static final Pattern DECIMAL =
            Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private DeclaredValues() {}

    /**
     * The cell of a non-nil {@code value} in a column of {@code type}: a String (string, json), Long
     * (bigint; timestamp in microseconds), Double or Boolean; or {@link #MISFIT}.
     */
    static Object cell(DeclaredType type, Value value) {
        return switch (type) {
            case JSON -> ValueJson.of(value);
            case STRING ->
                    value.isStringValue() || value.isBinaryValue()
                            ? ValueJson.text(value)
                            : value.isNumberValue() || value.isBooleanValue()
                                    ? ValueJson.of(value)
                                    : MISFIT;
            case BIGINT -> bigint(value);
            case DOUBLE -> floating(value);
            case BOOLEAN -> bool(value);
            case TIMESTAMP -> timestamp(value);
        };
    }

    /**
     * The original of a misfit as {@code _raw} keeps it: a string's text, binary as base64, anything else's
     * JSON.
     */
    static String original(Value value) {
        return ValueJson.text(value);
    }

    /** The {@code _type_error} reason for one misfit. */
    static String reason(String field, String original, DeclaredType type) {
        String shown = original.length() > 64 ? original.substring(0, 64) + "..." : original;
        return field + ": cannot read '" + shown + "' as " + type.name().toLowerCase(Locale.ROOT);
    }

    private static Object bigint(Value value) {
        if (value.isIntegerValue()) {
            return value.asIntegerValue().isInLongRange()
                    ? value.asIntegerValue().toLong()
                    : MISFIT;
        }
        if (value.isStringValue()) {
            try {
                return Long.parseLong(value.asStringValue().asString());
            } catch (NumberFormatException e) {
                return MISFIT;
            }
        }
        return MISFIT;
    }

    private static Object floating(Value value) {
        if (value.isIntegerValue()) {
            return value.asIntegerValue().toBigInteger().doubleValue();
        }
        if (value.isFloatValue()) {
            double d = value.asFloatValue().toDouble();
            return Double.isFinite(d) ? d : MISFIT;
        }
        if (value.isStringValue()) {
            String text = value.asStringValue().asString();
            if (DECIMAL.matcher(text).matches()) {
                double d = Double.parseDouble(text);
                return Double.isFinite(d) ? d : MISFIT;
            }
        }
        return MISFIT;
    }

    private static Object bool(Value value) {
        if (value.isBooleanValue()) {
            return value.asBooleanValue().getBoolean();
        }
        if (value.isStringValue()) {
            String text = value.asStringValue().asString();
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        return MISFIT;
    }

    private static Object timestamp(Value value) {
        try {
            if (value.isIntegerValue()) {
                BigInteger n = value.asIntegerValue().toBigInteger();
                if (n.bitLength() >= 64) {
                    return MISFIT;
                }
                long v = n.longValue();
                return Math.abs(v) < EPOCH_MILLIS_FROM
                        ? Math.multiplyExact(v, 1_000_000L)
                        : Math.multiplyExact(v, 1_000L);
            }
            if (value.isFloatValue()) {
                double seconds = value.asFloatValue().toDouble();
                if (!Double.isFinite(seconds) || Math.abs(seconds) >= EPOCH_MILLIS_FROM) {
                    return MISFIT;
                }
                return Math.round(seconds * 1_000_000d);
            }
            if (value.isStringValue()) {
                return IsoTimes.epochMicros(value.asStringValue().asString());
            }
        } catch (ArithmeticException | DateTimeException e) {
            return MISFIT;
        }
        return MISFIT;
    }
}
