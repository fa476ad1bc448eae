package io.berth.cluster.internal.crypto;

/**
 * Stored credentials could not be decrypted: the key they were sealed with is not configured, or the key
 * or the data is wrong. The message says which and never contains key or credential material.
 */
public class CredentialDecryptionException extends RuntimeException {

    public CredentialDecryptionException(String message) {
        super(message);
    }

    public CredentialDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
