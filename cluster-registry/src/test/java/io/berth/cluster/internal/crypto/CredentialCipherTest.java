package io.berth.cluster.internal.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    private static final byte[] KUBECONFIG =
            "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: s3cr3t-t0ken\n".getBytes(UTF_8);
    private static final byte[] CLUSTER_ID = "cluster-1".getBytes(UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final EncryptionKey oldKey = EncryptionKey.generate(random);
    private final EncryptionKey newKey = EncryptionKey.generate(random);
    private final CredentialCipher cipher = new CredentialCipher(new EncryptionKeyring(oldKey, List.of()), random);

    @Test
    void opensWhatItSealed() {
        SealedSecret sealed = cipher.seal(KUBECONFIG, CLUSTER_ID);

        assertThat(cipher.open(sealed, CLUSTER_ID)).isEqualTo(KUBECONFIG);
    }

    @Test
    void sealsWithTheCurrentKeyANinetySixBitNonceAndASixteenByteTag() {
        SealedSecret sealed = cipher.seal(KUBECONFIG, CLUSTER_ID);

        assertThat(sealed.keyId()).isEqualTo(oldKey.id());
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).hasSize(KUBECONFIG.length + 16);
        assertThat(cipher.needsReseal(sealed)).isFalse();
    }

    @Test
    void twoSealsOfTheSamePlaintextDifferInNonceAndCiphertext() {
        SealedSecret first = cipher.seal(KUBECONFIG, CLUSTER_ID);
        SealedSecret second = cipher.seal(KUBECONFIG, CLUSTER_ID);

        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() {
        SealedSecret sealed = cipher.seal(KUBECONFIG, CLUSTER_ID);

        assertThat(indexOf(sealed.ciphertext(), "s3cr3t-t0ken".getBytes(UTF_8))).isEqualTo(-1);
        assertThat(indexOf(sealed.ciphertext(), "apiVersion".getBytes(UTF_8))).isEqualTo(-1);
    }

    @Test
    void refusesToOpenWithTheAssociatedDataOfAnotherRow() {
        SealedSecret sealed = cipher.seal(KUBECONFIG, CLUSTER_ID);

        assertThatThrownBy(() -> cipher.open(sealed, "cluster-2".getBytes(UTF_8)))
                .isInstanceOf(CredentialDecryptionException.class)
                .hasMessage("credentials could not be decrypted: wrong key or tampered data");
    }

    @Test
    void refusesToOpenTamperedCiphertext() {
        SealedSecret sealed = cipher.seal(KUBECONFIG, CLUSTER_ID);
        byte[] tampered = sealed.ciphertext();
        tampered[3] ^= 0x01;

        SealedSecret forged = new SealedSecret(sealed.keyId(), sealed.nonce(), tampered);

        assertThatThrownBy(() -> cipher.open(forged, CLUSTER_ID))
                .isInstanceOf(CredentialDecryptionException.class)
                .hasMessage("credentials could not be decrypted: wrong key or tampered data");
    }

    @Test
    void refusesToOpenWithATamperedNonce() {
        SealedSecret sealed = cipher.seal(KUBECONFIG, CLUSTER_ID);
        byte[] nonce = sealed.nonce();
        nonce[0] ^= 0x01;

        SealedSecret forged = new SealedSecret(sealed.keyId(), nonce, sealed.ciphertext());

        assertThatThrownBy(() -> cipher.open(forged, CLUSTER_ID))
                .isInstanceOf(CredentialDecryptionException.class);
    }

    @Test
    void refusesANonceOfTheWrongLength() {
        SealedSecret sealed = cipher.seal(KUBECONFIG, CLUSTER_ID);

        SealedSecret malformed = new SealedSecret(sealed.keyId(), new byte[0], sealed.ciphertext());

        assertThatThrownBy(() -> cipher.open(malformed, CLUSTER_ID))
                .isInstanceOf(CredentialDecryptionException.class)
                .hasMessageContaining("nonce has 0 bytes");
    }

    @Test
    void afterRotationOpensOldRowsWithThePreviousKeyAndAsksForReseal() {
        SealedSecret sealedBefore = cipher.seal(KUBECONFIG, CLUSTER_ID);
        CredentialCipher rotated = new CredentialCipher(new EncryptionKeyring(newKey, List.of(oldKey)), random);

        assertThat(rotated.open(sealedBefore, CLUSTER_ID)).isEqualTo(KUBECONFIG);
        assertThat(rotated.needsReseal(sealedBefore)).isTrue();

        SealedSecret resealed = rotated.seal(KUBECONFIG, CLUSTER_ID);
        assertThat(resealed.keyId()).isEqualTo(newKey.id());
        assertThat(rotated.needsReseal(resealed)).isFalse();
    }

    @Test
    void unknownKeyIdFailsWithAHintToConfigureTheOldKey() {
        SealedSecret sealedBefore = cipher.seal(KUBECONFIG, CLUSTER_ID);
        CredentialCipher withoutOldKey = new CredentialCipher(new EncryptionKeyring(newKey, List.of()), random);

        assertThatThrownBy(() -> withoutOldKey.open(sealedBefore, CLUSTER_ID))
                .isInstanceOf(CredentialDecryptionException.class)
                .hasMessage("no encryption key with id " + oldKey.id()
                        + " is configured; add the old key to the previous keys");
    }

    @Test
    void sealsAndOpensFromManyThreadsAtOnce() throws Exception {
        List<Callable<Boolean>> roundTrips = IntStream.range(0, 200)
                .mapToObj(i -> (Callable<Boolean>) () -> roundTrips(("kubeconfig-" + i).getBytes(UTF_8)))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Boolean> result : pool.invokeAll(roundTrips)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean roundTrips(byte[] plaintext) {
        return Arrays.equals(cipher.open(cipher.seal(plaintext, CLUSTER_ID), CLUSTER_ID), plaintext);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
