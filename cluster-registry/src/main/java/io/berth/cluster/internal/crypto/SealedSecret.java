package io.berth.cluster.internal.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * An encrypted credential as stored: the id of the key it was sealed with, the GCM nonce, and the
 * ciphertext with the 16-byte GCM tag appended.
 *
 * <p>Arrays are copied in and out, so a caller cannot change a sealed secret after the fact.
 */
public record SealedSecret(String keyId, byte[] nonce, byte[] ciphertext) {

    public SealedSecret {
        Objects.requireNonNull(keyId, "keyId");
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("keyId must not be blank");
        }
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedSecret that
                && keyId.equals(that.keyId)
                && Arrays.equals(nonce, that.nonce)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * keyId.hashCode() + Arrays.hashCode(nonce)) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + ", nonce=" + nonce.length + " bytes, ciphertext="
                + ciphertext.length + " bytes]";
    }
}
