package dev.hakobu.mask;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies a {@link MaskAction} to one string; {@code null} means "remove". Every action is idempotent, so
 * chunks that pass the masker twice ({@code hakobu replay} sends dead letters back through routing) come
 * out unchanged: redact, remove and keep_last are by nature, and hash leaves a value that already is a
 * pseudonym ({@code hmac:} and 32 hex digits) as it is, so a user keeps one pseudonym. Thread-safe.
 */
final class ValueTransform {
    private final MaskAction action;
    private final String replacement;
    private final int keepLast;
    private final SecretKeySpec key;

    ValueTransform(MaskRuleConfig rule) {
        this.action = rule.action();
        this.replacement = rule.replacement();
        this.keepLast = rule.keepLast();
        this.key =
                rule.hashKey()
                        .map(
                                k ->
                                        new SecretKeySpec(
                                                k.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                        .orElse(null);
    }

    boolean removes() {
        return action == MaskAction.REMOVE;
    }

    String apply(String value) {
        return switch (action) {
            case REMOVE -> null;
            case REDACT -> replacement;
            case HASH -> isPseudonym(value) ? value : "hmac:" + hmac(value);
            case KEEP_LAST -> keepLast(value);
        };
    }

    private static boolean isPseudonym(String value) {
        if (value.length() != 5 + 32 || !value.startsWith("hmac:")) {
            return false;
        }
        for (int i = 5; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private String keepLast(String value) {
        int keep = Math.min(keepLast, value.length() / 2); // never reveal most of a short secret
        return "*".repeat(value.length() - keep) + value.substring(value.length() - keep);
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
