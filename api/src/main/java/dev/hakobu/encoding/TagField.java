package dev.hakobu.encoding;

/**
 * The record's tag, written by an encoder into each record that is a map under {@code key} (an output's
 * {@code tag_key:}), so a reader of the stored data can tell the log types apart. Like Fluentd's
 * {@code include_tag_key}, the tag replaces a field of the same name (in place): the key appears once and
 * always holds the tag.
 *
 * @param key the field name
 * @param tag the tag of the chunk being encoded
 */
public record TagField(String key, String tag) {
    public TagField {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("tag_key: must not be empty");
        }
    }
}
