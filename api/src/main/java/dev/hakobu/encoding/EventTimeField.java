package dev.hakobu.encoding;

import java.time.ZoneId;

/**
 * The event time an encoder writes into each record that is a map: under {@code key}, in {@code format}
 * ({@code ISO8601} with the offset of {@code zone}). A record that already has {@code key} keeps its own
 * value unless {@code overwrite}; then that value is replaced in place. Either way the key appears once.
 */
public record EventTimeField(String key, EventTimeFormat format, ZoneId zone, boolean overwrite) {
    public EventTimeField {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key: must not be empty");
        }
    }
}
