/**
 * Masking secrets in records before they are stored anywhere: by field (exact name, glob, nested
 * path), by query-string parameter inside a field, and by pattern on string values.
 *
 * <p>Contract: a {@link dev.hakobu.core.mask.Masker} is applied to every record before it reaches a
 * buffer, a sink or the network (when the agent masks at the source); masking is irreversible
 * ({@code hash} is an HMAC-SHA256 with a key the operator keeps, so a value maps to a stable
 * pseudonym that cannot be turned back); masking is idempotent (a masked record masked again is unchanged,
 * so {@code hakobu replay} keeps pseudonyms stable). A record that cannot be decoded is kept as it is and counted
 * by the caller; maskers never throw on record content. Thread-safe after construction.
 */
package dev.hakobu.core.mask;
