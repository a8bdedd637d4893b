package dev.hakobu.agent.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePacker;

/**
 * A parser's {@code types}: the conversion of each typed field, found by name as a String (JSON) or as
 * the bytes of a line (LTSV). Untyped fields have none and stay as they were. A value that does not
 * convert becomes its field's {@code null_as} (or null); the line's record then gets {@code _type_error}
 * (the reasons) and {@code _raw} (a map from each such field to its original text). Not thread-safe.
 */
final class FieldTypes implements Conversion.Originals {
    static final String ERROR = "_type_error";
    static final String RAW = "_raw";
    private final List<String> rawNames = new ArrayList<>();
    private final List<String> rawValues = new ArrayList<>();
    private final Map<String, Conversion> byName = new HashMap<>();
    private final List<byte[]> names = new ArrayList<>();
    private final List<Conversion> conversions = new ArrayList<>();
    private final StringBuilder errors = new StringBuilder();

    FieldTypes(
            Map<String, FieldTypeConfig> types,
            List<String> nullValues,
            String timeFormat,
            ZoneId zone) {
        types.forEach(
                (name, config) -> {
                    Conversion c = new Conversion(name, config, nullValues, timeFormat, zone, this);
                    byName.put(name, c);
                    names.add(name.getBytes(StandardCharsets.UTF_8));
                    conversions.add(c);
                });
    }

    boolean isEmpty() {
        return conversions.isEmpty();
    }

    Conversion find(String name) {
        return byName.get(name);
    }

    Conversion find(byte[] buf, int off, int len) {
        for (int i = 0; i < names.size(); i++) {
            byte[] n = names.get(i);
            if (java.util.Arrays.equals(n, 0, n.length, buf, off, off + len)) {
                return conversions.get(i);
            }
        }
        return null;
    }

    /** Starts a line: forgets the previous line's conversion errors. */
    void begin() {
        errors.setLength(0);
        rawNames.clear();
        rawValues.clear();
    }

    @Override
    public void keep(String field, String original) {
        rawNames.add(field);
        rawValues.add(original);
    }

    /** Notes a failed conversion (the reason, or null for none). */
    void failed(String reason) {
        if (reason != null) {
            errors.append(errors.length() == 0 ? "" : "; ").append(reason);
        }
    }

    /**
     * Adds {@code _type_error} to the record if any conversion of this line failed, and {@code _raw} with
     * the original values that were replaced. Call before finish.
     */
    void report(RecordBuilder out) {
        if (errors.length() > 0) {
            out.string(ERROR, errors.toString());
        }
        if (!rawNames.isEmpty()) {
            out.key(RAW);
            try {
                MessagePacker p = out.packer();
                p.packMapHeader(rawNames.size());
                for (int i = 0; i < rawNames.size(); i++) {
                    p.packString(rawNames.get(i));
                    p.packString(rawValues.get(i));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
