package dev.hakobu.output;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Chunk ids as they appear in keys and file names. Ids from our agent are already safe; ids from
 * other clients (UUIDs, base64 with '/' and '+') are hashed, so the same id always maps to the same
 * name and a resent chunk overwrites rather than duplicates.
 */
public final class ChunkIds {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ChunkIds() {
    }

    public static String fileSafe(String chunkId) {
        if (SAFE.matcher(chunkId).matches()) {
            return chunkId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(chunkId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
