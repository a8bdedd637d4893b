package dev.hakobu.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.value.Value;

/**
 * The Forward protocol v1 handshake messages and digests, byte-compatible with Fluentd's in_forward and
 * out_forward:
 * <pre>
 * server: ["HELO", {"nonce": bin16, "auth": bin16 (user-auth salt), "keepalive": true}]
 * client: ["PING", client_hostname, shared_key_salt, sha512_hex(salt + client_hostname + nonce + shared_key),
 *          username or "", sha512_hex(auth_salt + username + password) or ""]
 * server: ["PONG", true, "", server_hostname, sha512_hex(salt + server_hostname + nonce + shared_key)]
 *      or ["PONG", false, reason, "", ""] and the server closes the connection
 * </pre>
 * "+" is byte concatenation: strings as UTF-8, the nonce and salts as the raw bytes received (Fluentd sends
 * the nonce as 16 random bytes and out_forward's salt as 32 hex characters). Digests are lower-case hex.
 */
final class Handshake {
    static final String HELO = "HELO";
    static final String PING = "PING";
    static final String PONG = "PONG";

    private Handshake() {}

    /** {@code sha512_hex(salt + hostname + nonce + sharedKey)}: PING's and PONG's shared-key digest. */
    static String sharedKeyDigest(byte[] salt, String hostname, byte[] nonce, String sharedKey) {
        MessageDigest sha = sha512();
        sha.update(salt);
        sha.update(hostname.getBytes(StandardCharsets.UTF_8));
        sha.update(nonce);
        sha.update(sharedKey.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** {@code sha512_hex(authSalt + username + password)}: PING's password digest. */
    static String passwordDigest(byte[] authSalt, String username, String password) {
        MessageDigest sha = sha512();
        sha.update(authSalt);
        sha.update(username.getBytes(StandardCharsets.UTF_8));
        sha.update(password.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Compares digests in time independent of where they differ. */
    static boolean sameDigest(String expected, String actual) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] helo(byte[] nonce, byte[] authSalt) {
        return pack(
                p -> {
                    p.packArrayHeader(2).packString(HELO).packMapHeader(3);
                    p.packString("nonce").packBinaryHeader(nonce.length).writePayload(nonce);
                    p.packString("auth").packBinaryHeader(authSalt.length).writePayload(authSalt);
                    p.packString("keepalive").packBoolean(true);
                });
    }

    static byte[] ping(
            String hostname, String salt, String digest, String username, String passwordDigest) {
        return pack(
                p ->
                        p.packArrayHeader(6)
                                .packString(PING)
                                .packString(hostname)
                                .packString(salt)
                                .packString(digest)
                                .packString(username)
                                .packString(passwordDigest));
    }

    static byte[] pong(String hostname, String digest) {
        return pack(
                p ->
                        p.packArrayHeader(5)
                                .packString(PONG)
                                .packBoolean(true)
                                .packString("")
                                .packString(hostname)
                                .packString(digest));
    }

    static byte[] pongRefused(String reason) {
        return pack(
                p ->
                        p.packArrayHeader(5)
                                .packString(PONG)
                                .packBoolean(false)
                                .packString(reason)
                                .packString("")
                                .packString(""));
    }

    /** The raw bytes of a str or bin value, or {@code null} for any other type. */
    static byte[] raw(Value value) {
        return value.isRawValue() ? value.asRawValue().asByteArray() : null;
    }

    /** The text of a str or bin value (UTF-8), or {@code null} for any other type. */
    static String text(Value value) {
        return value.isRawValue()
                ? new String(value.asRawValue().asByteArray(), StandardCharsets.UTF_8)
                : null;
    }

    private interface Packing {
        void pack(MessageBufferPacker p) throws IOException;
    }

    private static byte[] pack(Packing packing) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            packing.pack(p);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }
}
