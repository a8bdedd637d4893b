package dev.hakobu.mask;

/** What happens to a matched value. */
public enum MaskAction {
    /** The field, parameter or matched text is removed. */
    REMOVE,
    /** Replaced by a fixed string ({@code replacement}, default {@code ***}). */
    REDACT,
    /** Replaced by an HMAC-SHA256 pseudonym: equal inputs give equal outputs, nothing gives the input back. */
    HASH,
    /** All but the last N characters replaced by '*'. */
    KEEP_LAST
}
