package dev.hakobu.agent.parse;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser's {@code types}: the conversion of each typed field, found by name as a String (JSON) or as
 * the bytes of a line (LTSV). Untyped fields have none and stay as they were. Not thread-safe.
 */
final class FieldTypes {
    static final String ERROR = "_type_error";
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
                    Conversion c = new Conversion(name, config, nullValues, timeFormat, zone);
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
    }

    /** Notes a failed conversion (the reason, or null for none). */
    void failed(String reason) {
        if (reason != null) {
            errors.append(errors.length() == 0 ? "" : "; ").append(reason);
        }
    }

    /** Adds {@code _type_error} to the record if any conversion of this line failed. Call before finish. */
    void report(RecordBuilder out) {
        if (errors.length() > 0) {
            out.string(ERROR, errors.toString());
        }
    }
}
