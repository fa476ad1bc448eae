package io.berth.cluster.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptionKeyringTest {

    private final SecureRandom random = new SecureRandom();
    private final EncryptionKey current = EncryptionKey.generate(random);
    private final EncryptionKey previous = EncryptionKey.generate(random);

    @Test
    void findsCurrentAndPreviousKeysById() {
        EncryptionKeyring keyring = new EncryptionKeyring(current, List.of(previous));

        assertThat(keyring.current()).isSameAs(current);
        assertThat(keyring.byId(current.id())).containsSame(current);
        assertThat(keyring.byId(previous.id())).containsSame(previous);
    }

    @Test
    void findsNothingForAnUnknownId() {
        EncryptionKeyring keyring = new EncryptionKeyring(current, List.of(previous));

        assertThat(keyring.byId("k000000000000")).isEmpty();
        assertThat(keyring.byId(null)).isEmpty();
    }

    @Test
    void toleratesTheCurrentKeyAmongThePreviousOnes() {
        EncryptionKeyring keyring = new EncryptionKeyring(current, List.of(current, previous));

        assertThat(keyring.current()).isSameAs(current);
        assertThat(keyring.toString()).isEqualTo(
                "EncryptionKeyring[current=" + current.id() + ", previous=[" + previous.id() + "]]");
    }

    @Test
    void toStringShowsIdsButNoKeyMaterial() {
        EncryptionKeyring keyring = new EncryptionKeyring(current, List.of(previous));

        assertThat(keyring.toString())
                .contains(current.id(), previous.id())
                .doesNotContain(current.toBase64(), previous.toBase64());
    }
}
