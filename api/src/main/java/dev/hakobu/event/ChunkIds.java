package dev.hakobu.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Chunk ids: made here for every chunk we create (agent, forward client, aggregator buffer, bench), and made
 * safe here wherever one becomes part of a key or file name. A chunk keeps its id across retries and
 * restarts; that is what lets a resent chunk overwrite rather than duplicate.
 */
public final class ChunkIds {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ChunkIds() {}

    /** 16 random bytes as unpadded base64url: 22 characters, already {@link #fileSafe file-safe}. */
    public static String newId(RandomGenerator random) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /**
     * The id as it may appear in keys and file names. Ids from our agent are already safe and returned as
     * they are; ids from other clients (UUIDs, base64 with '/' and '+') are hashed, so the same id always
     * maps to the same name.
     */
    public static String fileSafe(String chunkId) {
        if (SAFE.matcher(chunkId).matches()) {
            return chunkId;
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(chunkId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
