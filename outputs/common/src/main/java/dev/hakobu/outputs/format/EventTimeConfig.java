package dev.hakobu.outputs.format;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.encoding.EventTimeField;
import dev.hakobu.encoding.EventTimeFormat;
import java.time.ZoneId;
import java.util.Optional;

@Doc(
        "The event time written into every stored record (the forward protocol carries it beside the record, not in it).")
public record EventTimeConfig(
        @Doc("Write the event time; false stores records exactly as they came.") @Default("true")
                boolean enabled,
        @Doc("Field name; absent: time (elasticsearch: @timestamp).") Optional<String> key,
        @Doc(
                        "iso8601 (local time in the output's time_zone with its offset, fraction of 3, 6 or 9 digits when not a whole second), "
                                + "epoch_seconds or epoch_millis (integers).")
                @Default("iso8601")
                EventTimeFormat format,
        @Doc("Replace the field when a record already has it; false keeps the record's own value.")
                @Default("false")
                boolean overwrite) {

    public EventTimeConfig {
        if (key.isPresent() && key.get().isEmpty()) {
            throw new IllegalArgumentException(
                    "key: empty; leave it out for the default, or set enabled: false");
        }
    }

    /** On, with the output's default key, ISO-8601, not overwriting. */
    public static EventTimeConfig defaults() {
        return new EventTimeConfig(true, Optional.empty(), EventTimeFormat.ISO8601, false);
    }

    /** Off: records are stored as they came. */
    public static EventTimeConfig disabled() {
        return new EventTimeConfig(false, Optional.empty(), EventTimeFormat.ISO8601, false);
    }

    /** What the encoder writes, or empty when disabled; {@code zone} is the output's {@code time_zone}. */
    public Optional<EventTimeField> field(String defaultKey, ZoneId zone) {
        return enabled
                ? Optional.of(new EventTimeField(key.orElse(defaultKey), format, zone, overwrite))
                : Optional.empty();
    }
}
