package io.berth.cluster.internal.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key and its id.
 *
 * <p>The id is derived from the key ({@code "k"} + the first 12 hex digits of its SHA-256), so the same
 * key always gets the same id and an operator cannot give two keys the same name. 48 bits of a hash
 * of a random 256-bit key say nothing useful about the key.
 *
 * <p>Error messages and {@link #toString()} never contain key material: they end up in logs.
 */
public final class EncryptionKey {

    /** AES-256. */
    public static final int LENGTH_BYTES = 32;

    private static final int ID_HEX_DIGITS = 12;

    private final byte[] bytes;
    private final String id;

    private EncryptionKey(byte[] bytes) {
        this.bytes = bytes;
        this.id = deriveId(bytes);
    }

    /**
     * Reads a key from standard base64; surrounding whitespace (a trailing newline in a file or an
     * environment variable) is ignored.
     *
     * @throws IllegalArgumentException if the value is not base64 of exactly 32 bytes; the message never
     *                                  repeats the value
     */
    public static EncryptionKey fromBase64(String base64) {
        if (base64 == null) {
            throw new IllegalArgumentException("encryption key is missing");
        }
        byte[] decoded = decode(base64.strip());
        if (decoded.length != LENGTH_BYTES) {
            int length = decoded.length;
            Arrays.fill(decoded, (byte) 0);
            throw new IllegalArgumentException(
                    "encryption key must be base64 of exactly " + LENGTH_BYTES + " bytes, got " + length + " bytes");
        }
        return new EncryptionKey(decoded);
    }

    public static EncryptionKey generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH_BYTES];
        random.nextBytes(bytes);
        return new EncryptionKey(bytes);
    }

    public String id() {
        return id;
    }

    /** The key in standard base64: for writing a generated key to its file, nothing else. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    SecretKey secretKey() {
        return new SecretKeySpec(bytes, "AES");
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The decoder's own message quotes the offending character, so it is not passed on.
            throw new IllegalArgumentException("encryption key is not valid base64");
        }
    }

    private static String deriveId(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "k" + HexFormat.of().formatHex(digest).substring(0, ID_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        // Constant time: equality of keys must not leak through timing.
        return other instanceof EncryptionKey that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "EncryptionKey[id=" + id + "]";
    }
}
