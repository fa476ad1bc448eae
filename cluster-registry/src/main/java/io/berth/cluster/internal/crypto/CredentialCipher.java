package io.berth.cluster.internal.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts and decrypts credentials with AES-256-GCM.
 *
 * <p>Every seal uses a fresh random 96-bit nonce: GCM loses both confidentiality and integrity if a nonce
 * is ever reused under one key, and random nonces need no state shared between writers. The associated
 * data (the id of the row the secret belongs to) is authenticated but not stored, so a ciphertext copied
 * into another row does not decrypt there.
 *
 * <p>Thread-safe: a {@link Cipher} is not, so each call gets its own; {@link SecureRandom} is.
 */
public final class CredentialCipher {

    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final EncryptionKeyring keyring;
    private final SecureRandom random;

    public CredentialCipher(EncryptionKeyring keyring, SecureRandom random) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Encrypts with the current key. */
    /**
     * The associated data that binds a sealed credential to the row that owns it (its id), so that a
     * ciphertext copied onto another row does not open.
     */
    public static byte[] ownerData(UUID owner) {
        return ByteBuffer.allocate(16).putLong(owner.getMostSignificantBits()).putLong(owner.getLeastSignificantBits()).array();
    }

    public SealedSecret seal(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        EncryptionKey key = keyring.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, key, nonce, associatedData).doFinal(plaintext);
            return new SealedSecret(key.id(), nonce, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts with the key the secret names.
     *
     * @throws CredentialDecryptionException if that key is not configured, or the key, the data or the
     *                                       associated data is not the one the secret was sealed with
     */
    public byte[] open(SealedSecret sealed, byte[] associatedData) {
        Objects.requireNonNull(associatedData, "associatedData");
        EncryptionKey key = keyring.byId(sealed.keyId()).orElseThrow(() -> unknownKey(sealed.keyId()));
        byte[] nonce = sealed.nonce();
        if (nonce.length != NONCE_BYTES) {
            throw new CredentialDecryptionException(
                    "credentials could not be decrypted: stored nonce has " + nonce.length + " bytes, expected "
                            + NONCE_BYTES);
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, key, nonce, associatedData).doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new CredentialDecryptionException("credentials could not be decrypted: wrong key or tampered data", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** True if the secret was sealed with a previous key and should be sealed again when next written. */
    public boolean needsReseal(SealedSecret sealed) {
        return !sealed.keyId().equals(keyring.current().id());
    }

    private static Cipher cipher(int mode, EncryptionKey key, byte[] nonce, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }

    private static CredentialDecryptionException unknownKey(String keyId) {
        return new CredentialDecryptionException("no encryption key with id " + keyId
                + " is configured; add the old key to the previous keys");
    }
}
