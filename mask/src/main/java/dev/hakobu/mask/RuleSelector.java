package dev.hakobu.mask;

import java.util.Arrays;
import java.util.List;

/**
 * Which rules may change a top-level field, as a bit set over the rule list (at most 64 rules; beyond
 * that every rule is asked, uncached). The field rules of a key are remembered per field position: records
 * of one source repeat the same keys in the same order, so the key at position i is usually the one seen
 * there last, and one byte comparison replaces the rules' tests (a hash lookup cost as much as the
 * tests it saved); pattern rules are first tested on a
 * whole region (a chunk's entries, or one record: {@link #startRegion}), and on single values only
 * when the region passed. Profiling
 * showed the per-key, per-rule tests (a substring search for {@code *secret*} on every key, an '@'
 * scan of every value) as a quarter of the ingest workers' time. One per thread.
 */
final class RuleSelector {
    private static final int POSITIONS = 64;
    private final List<MaskRule> rules;
    private final boolean cached;
    private final byte[][] keys = new byte[POSITIONS][];
    private final long[] fieldRules = new long[POSITIONS];
    private long patternRules;

    RuleSelector(List<MaskRule> rules) {
        this.rules = rules;
        this.cached = rules.size() <= 64;
    }

    /** Notes which pattern rules may match anywhere in the region (msgpack bytes) that the next fields come from. */
    void startRegion(byte[] region, int off, int len) {
        patternRules = 0;
        for (int i = 0; i < Math.min(rules.size(), 64); i++) {
            if (!rules.get(i).byField() && rules.get(i).mayMatch(region, off, len)) {
                patternRules |= 1L << i;
            }
        }
    }

    /**
     * @param position the field's index in its record
     * @return the index of the one rule that may change the field, {@code -1} for none, {@code -2} for several
     */
    int select(
            int position,
            byte[] key,
            int keyOff,
            int keyLen,
            byte[] value,
            int valueOff,
            int valueLen) {
        if (!cached) {
            return uncached(key, keyOff, keyLen, value, valueOff, valueLen);
        }
        long chosen = fieldRulesFor(position & (POSITIONS - 1), key, keyOff, keyLen);
        for (long p = patternRules; p != 0; p &= p - 1) {
            int i = Long.numberOfTrailingZeros(p);
            if (rules.get(i).mayMatch(value, valueOff, valueLen)) {
                chosen |= 1L << i;
            }
        }
        return chosen == 0
                ? -1
                : Long.bitCount(chosen) > 1 ? -2 : Long.numberOfTrailingZeros(chosen);
    }

    private long fieldRulesFor(int slot, byte[] key, int off, int len) {
        byte[] known = keys[slot];
        if (known != null && Arrays.equals(known, 0, known.length, key, off, off + len)) {
            return fieldRules[slot];
        }
        long mask = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).byField() && rules.get(i).matchesKey(key, off, len)) {
                mask |= 1L << i;
            }
        }
        keys[slot] = Arrays.copyOfRange(key, off, off + len);
        fieldRules[slot] = mask;
        return mask;
    }

    private int uncached(
            byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        int found = -1;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).touches(key, keyOff, keyLen, value, valueOff, valueLen)) {
                if (found != -1) {
                    return -2;
                }
                found = i;
            }
        }
        return found;
    }
}
