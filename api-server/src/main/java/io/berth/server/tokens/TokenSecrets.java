package io.berth.server.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Token values and their hashes. A token is {@code berth_} followed by 256 random bits; the prefix
 * makes leaked tokens easy to spot by secret scanners. Being random, a token needs no salt or slow
 * hash: SHA-256 is enough to make the stored value useless to a reader of the database.
 */
final class TokenSecrets {

    static final String PREFIX = "berth_";
    /** Bootstrap tokens chosen by an operator must be at least this long to carry enough entropy. */
    static final int MIN_CHOSEN_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
