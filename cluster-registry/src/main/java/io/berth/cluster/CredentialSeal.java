package io.berth.cluster;

import io.berth.cluster.internal.crypto.CredentialCipher;
import io.berth.cluster.internal.crypto.SealedSecret;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Seals other credentials the way the registry seals kubeconfigs (AES-GCM under Berth's credential key),
 * for the features that keep some of their own, such as a backup location's object-store keys. The
 * owner's id is the associated data, so a ciphertext copied onto another row does not open.
 */
@Component
public class CredentialSeal {

    /** What goes into the owner's row: the key's id, the nonce and the ciphertext. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }

    private final CredentialCipher cipher;

    CredentialSeal(CredentialCipher cipher) {
        this.cipher = cipher;
    }

    public Sealed seal(byte[] plaintext, UUID owner) {
        SealedSecret sealed = cipher.seal(plaintext, CredentialCipher.ownerData(owner));
        return new Sealed(sealed.keyId(), sealed.nonce(), sealed.ciphertext());
    }

    public byte[] open(Sealed sealed, UUID owner) {
        return cipher.open(new SealedSecret(sealed.keyId(), sealed.nonce(), sealed.ciphertext()), CredentialCipher.ownerData(owner));
    }

    /** True when the credentials were sealed under a key other than the current one (a rotation is under way). */
    public boolean needsReseal(Sealed sealed) {
        return cipher.needsReseal(new SealedSecret(sealed.keyId(), sealed.nonce(), sealed.ciphertext()));
    }

    /** The same credentials sealed under the current key. */
    public Sealed reseal(Sealed sealed, UUID owner) {
        return seal(open(sealed, owner), owner);
    }
}
