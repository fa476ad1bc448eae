package io.berth.cluster.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealedSecretTest {

    private static final byte[] NONCE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final byte[] CIPHERTEXT = {42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58};

    @Test
    void equalsComparesArrayContents() {
        SealedSecret one = new SealedSecret("k0123456789ab", NONCE.clone(), CIPHERTEXT.clone());
        SealedSecret same = new SealedSecret("k0123456789ab", NONCE.clone(), CIPHERTEXT.clone());
        SealedSecret otherKey = new SealedSecret("kba9876543210", NONCE.clone(), CIPHERTEXT.clone());

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(otherKey);
    }

    @Test
    void cannotBeChangedThroughItsArrays() {
        byte[] nonce = NONCE.clone();
        SealedSecret sealed = new SealedSecret("k0123456789ab", nonce, CIPHERTEXT.clone());

        nonce[0] = 99;
        sealed.ciphertext()[0] = 99;

        assertThat(sealed.nonce()).isEqualTo(NONCE);
        assertThat(sealed.ciphertext()).isEqualTo(CIPHERTEXT);
    }

    @Test
    void toStringShowsKeyIdAndLengthsButNoBytes() {
        SealedSecret sealed = new SealedSecret("k0123456789ab", NONCE, CIPHERTEXT);

        assertThat(sealed.toString())
                .isEqualTo("SealedSecret[keyId=k0123456789ab, nonce=12 bytes, ciphertext=17 bytes]")
                .doesNotContain(Base64.getEncoder().encodeToString(CIPHERTEXT));
    }

    @Test
    void requiresAKeyId() {
        assertThatThrownBy(() -> new SealedSecret(" ", NONCE, CIPHERTEXT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
