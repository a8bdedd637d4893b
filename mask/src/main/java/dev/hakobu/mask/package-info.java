/**
 * Masking secrets in records before they are stored anywhere: by field (exact name, glob, nested
 * path), by query-string parameter inside a field, and by pattern on string values.
 *
 * <p>Contract: a {@link dev.hakobu.mask.Masker} is applied to every record before it reaches a
 * buffer, a sink or the network (when the agent masks at the source); masking is irreversible
 * ({@code hash} is an HMAC-SHA256 with a key the operator keeps, so a value maps to a stable
 * pseudonym that cannot be turned back); masking is deterministic and idempotent (a masked record masked
 * again is unchanged, so {@code hakobu replay} keeps pseudonyms stable). Maskers never throw on record
 * content: a field a rule touches that cannot be decoded (nested deeper than
 * {@link dev.hakobu.event.MsgpackReader#MAX_DEPTH}) is masked whole; a record that is not a map
 * is kept as it is. Binary (msgpack bin) values and keys are read as the UTF-8 they hold; a value that
 * masking changes comes out as a string. Thread-safe after construction.
 *
 * <h2>Query-parameter rules ({@code query_params})</h2>
 *
 * A parameter must not survive under any reading a server, a framework or a careless app may give the
 * field, so the value is read generously, and masking more is preferred to masking less:
 * <ul>
 *   <li><b>Names</b> ({@link dev.hakobu.mask.ParamNames}): ASCII letters in any case; whitespace,
 *       {@code +} and {@code %20} around them trimmed; {@code name[]}, {@code name[key]} and
 *       {@code outer[name]} count; percent-encoding and JSON escapes are decoded up to four times in any
 *       order. Servers decode once, but an app behind a proxy may decode twice, so {@code %2574oken} is
 *       masked as {@code token}.
 *   <li><b>Query strings</b> ({@link dev.hakobu.mask.QueryString}): names start at the beginning
 *       and after {@code &}, {@code ;}, {@code ?} and {@code #} (a leading {@code ?}, a path
 *       {@code /api/x?token=..}, a fragment); a masked value runs to the next {@code &} or {@code ;}
 *       that starts another {@code name=}, so unencoded {@code #}, {@code ?}, {@code =}, {@code ;} in a
 *       secret go with it. A name without {@code =} has nothing to mask; an empty value is masked like any
 *       other. Other values are read again as text, once percent-decoded (a URL in {@code redirect=}
 *       with its own {@code token}, JSON in a parameter).
 *   <li><b>JSON</b> ({@link dev.hakobu.mask.JsonText}): a map or list value (a JSON object sent as
 *       msgpack) and a string holding exactly one JSON value are walked: a member named like a parameter
 *       has every scalar in it masked (or is dropped by {@code remove}), every other string is read
 *       again as text. A string holding JSON comes out as compact JSON, equal to the input but for the
 *       masked values. Text that only looks like JSON (truncated, two objects, Python or Ruby dumps,
 *       escaped once) is scanned for quoted names ({@link dev.hakobu.mask.LooseJson}).
 *   <li><b>Bounds</b>: strings inside strings are read eight deep; a deeper one that may still hold a
 *       parameter is masked whole. JSON nests at most 64 deep, or is read loosely.
 * </ul>
 * The common case, {@code name=value} pairs joined by {@code &} with no byte that needs any of this,
 * is masked on the msgpack bytes without decoding ({@link dev.hakobu.mask.QueryBytes}).
 */
package dev.hakobu.mask;
