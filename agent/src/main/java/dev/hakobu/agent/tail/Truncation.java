package dev.hakobu.agent.tail;

/**
 * What a file held before it was truncated: its fingerprint, how far it had been read, and the identity of
 * the directory it was in. A copytruncate copy starts with the same bytes and is made beside its original,
 * so a copy found later in that directory is read on from {@code offset}, not from 0; a file elsewhere that
 * happens to start with the same bytes is another file and is not linked to it.
 * Saved as the position {@code truncated <fingerprint> in <directory identity>} with the chunk that carries
 * the truncated file's next lines, so a copy found after a restart is recognised too.
 *
 * @param dir the directory's identity ({@link TailedFile#keyOf}); null only for a truncation saved by an
 *     older version (key {@code truncated <fingerprint>}), which matches a copy in any directory as it did then
 */
record Truncation(String fingerprint, long offset, String dir) {
    private static final String PREFIX = "truncated ";

    /** The position key under which this is saved. */
    String key() {
        return key(fingerprint, dir);
    }

    /** True if a file in {@code fileDir} starting with {@code fp} is this truncation's copy. */
    boolean isCopy(String fp, String fileDir) {
        return fingerprint.equals(fp) && (dir == null || dir.equals(fileDir));
    }

    /** The key of a truncation in {@code dir}; with a null {@code dir}, the key older versions wrote. */
    static String key(String fingerprint, String dir) {
        return dir == null ? PREFIX + fingerprint : PREFIX + fingerprint + " in " + dir;
    }
}
