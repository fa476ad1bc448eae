package io.berth.cluster.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EncryptionKeyTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void readsBase64OfThirtyTwoBytesAndWritesItBack() {
        String base64 = base64OfBytes(32);

        EncryptionKey key = EncryptionKey.fromBase64(base64);

        assertThat(key.toBase64()).isEqualTo(base64);
    }

    @Test
    void ignoresSurroundingWhitespace() {
        String base64 = base64OfBytes(32);

        EncryptionKey key = EncryptionKey.fromBase64("  " + base64 + "\n");

        assertThat(key).isEqualTo(EncryptionKey.fromBase64(base64));
    }

    @Test
    void rejectsSixteenByteKeyWithoutEchoingIt() {
        String base64 = base64OfBytes(16);

        assertThatThrownBy(() -> EncryptionKey.fromBase64(base64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encryption key must be base64 of exactly 32 bytes, got 16 bytes")
                .hasNoCause();
    }

    @Test
    void rejectsNonBase64WithoutEchoingIt() {
        String notBase64 = "this-is-not-base64-$ecret!";

        assertThatThrownBy(() -> EncryptionKey.fromBase64(notBase64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encryption key is not valid base64")
                .hasNoCause();
    }

    @Test
    void rejectsMissingValue() {
        assertThatThrownBy(() -> EncryptionKey.fromBase64(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idIsDerivedFromTheKeyAndStable() {
        String base64 = base64OfBytes(32);

        String id = EncryptionKey.fromBase64(base64).id();

        assertThat(id).matches("k[0-9a-f]{12}");
        assertThat(EncryptionKey.fromBase64(base64).id()).isEqualTo(id);
    }

    @Test
    void idIsTheSha256PrefixOfTheKeyBytes() {
        // SHA-256 of 32 zero bytes is 66687aadf862bd776c8fc18b8e9f8e20...
        EncryptionKey zeros = EncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

        assertThat(zeros.id()).isEqualTo("k66687aadf862");
    }

    @Test
    void differentKeysHaveDifferentIds() {
        EncryptionKey one = EncryptionKey.generate(RANDOM);
        EncryptionKey other = EncryptionKey.generate(RANDOM);

        assertThat(one.id()).isNotEqualTo(other.id());
        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void generatesThirtyTwoRandomBytes() {
        EncryptionKey key = EncryptionKey.generate(RANDOM);

        assertThat(Base64.getDecoder().decode(key.toBase64())).hasSize(32);
    }

    @Test
    void toStringShowsTheIdButNoKeyMaterial() {
        EncryptionKey key = EncryptionKey.generate(RANDOM);

        assertThat(key.toString())
                .contains(key.id())
                .doesNotContain(key.toBase64());
    }

    static String base64OfBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
