package dev.hakobu.agent.tail;

/**
 * What a file held before it was truncated: its fingerprint and how far it had been read. A copytruncate
 * copy starts with the same bytes, so a copy found later is read on from {@code offset}, not from 0.
 * Saved as the position {@code truncated <fingerprint>} with the chunk that carries the truncated file's
 * next lines, so a copy found after a restart is recognised too.
 */
record Truncation(String fingerprint, long offset) {
    /** The position key under which this is saved. */
    String key() {
        return key(fingerprint);
    }

    static String key(String fingerprint) {
        return "truncated " + fingerprint;
    }
}
