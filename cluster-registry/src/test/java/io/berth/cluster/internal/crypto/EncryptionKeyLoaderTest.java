package io.berth.cluster.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class EncryptionKeyLoaderTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path tempDir;

    private final EncryptionKey explicitKey = EncryptionKey.generate(RANDOM);
    private final EncryptionKey fileKey = EncryptionKey.generate(RANDOM);

    @Test
    void explicitValueWinsOverKeyFileAndDataDirectory() throws IOException {
        Path keyFile = writeKeyFile(fileKey.toBase64());

        EncryptionKeyring keyring =
                EncryptionKeyLoader.load(explicitKey.toBase64(), keyFile, tempDir, true, List.of());

        assertThat(keyring.current()).isEqualTo(explicitKey);
        assertThat(tempDir.resolve("encryption.key")).doesNotExist();
    }

    @Test
    void blankExplicitValueCountsAsNotSet() throws IOException {
        Path keyFile = writeKeyFile(fileKey.toBase64());

        EncryptionKeyring keyring = EncryptionKeyLoader.load("  ", keyFile, null, false, null);

        assertThat(keyring.current()).isEqualTo(fileKey);
    }

    @Test
    void readsTheKeyFile() throws IOException {
        Path keyFile = writeKeyFile(fileKey.toBase64() + "\n");

        EncryptionKeyring keyring = EncryptionKeyLoader.load(null, keyFile, tempDir, true, List.of());

        assertThat(keyring.current()).isEqualTo(fileKey);
        assertThat(tempDir.resolve("encryption.key")).doesNotExist();
    }

    @Test
    void missingKeyFileFailsNamingThePath() {
        Path keyFile = tempDir.resolve("absent.key");

        assertThatThrownBy(() -> EncryptionKeyLoader.load(null, keyFile, tempDir, true, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toString());
    }

    @Test
    void invalidKeyFileFailsNamingThePathButNotTheContent() throws IOException {
        String content = EncryptionKeyTest.base64OfBytes(16);
        Path keyFile = writeKeyFile(content);

        assertThatThrownBy(() -> EncryptionKeyLoader.load(null, keyFile, null, false, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("got 16 bytes")
                .message().doesNotContain(content);
    }

    @Test
    void invalidExplicitValueFailsWithoutEchoingIt() {
        String value = "not base64 at all: hunter2";

        assertThatThrownBy(() -> EncryptionKeyLoader.load(value, null, null, false, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BERTH_ENCRYPTION_KEY")
                .message().doesNotContain("hunter2");
    }

    @Test
    void generatesAnOwnerOnlyKeyFileOnceAndReadsTheSameKeyAfterwards() throws IOException {
        Path dataDirectory = tempDir.resolve("data");

        EncryptionKeyring first = EncryptionKeyLoader.load(null, null, dataDirectory, true, List.of());
        Path generated = dataDirectory.resolve("encryption.key");
        byte[] written = Files.readAllBytes(generated);
        EncryptionKeyring second = EncryptionKeyLoader.load(null, null, dataDirectory, true, List.of());

        assertThat(EncryptionKey.fromBase64(new String(written, StandardCharsets.US_ASCII)))
                .isEqualTo(first.current());
        assertThat(second.current()).isEqualTo(first.current());
        assertThat(Files.readAllBytes(generated)).isEqualTo(written);
        assumeThat(Files.getFileStore(generated).supportsFileAttributeView("posix")).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(generated))).isEqualTo("rw-------");
    }

    @Test
    void generationWarnsToBackUpTheKeyAndNeverLogsIt(CapturedOutput output) {
        EncryptionKeyring keyring = EncryptionKeyLoader.load(null, null, tempDir, true, List.of());

        assertThat(output.getOut())
                .contains("WARN", tempDir.resolve("encryption.key").toString(), "Back this file up")
                .contains(keyring.current().id())
                .doesNotContain(keyring.current().toBase64());
    }

    @Test
    void doesNotGenerateUnlessAllowed() {
        assertThatThrownBy(() -> EncryptionKeyLoader.load(null, null, tempDir, false, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no encryption key: set BERTH_ENCRYPTION_KEY (base64 of 32 bytes) "
                        + "or berth.encryption.key-file");
        assertThat(tempDir.resolve("encryption.key")).doesNotExist();
    }

    @Test
    void addsPreviousKeysToTheKeyringSkippingBlankEntries() {
        EncryptionKey previous = EncryptionKey.generate(RANDOM);

        EncryptionKeyring keyring = EncryptionKeyLoader.load(
                explicitKey.toBase64(), null, null, false, Arrays.asList(previous.toBase64(), "", null));

        assertThat(keyring.current()).isEqualTo(explicitKey);
        assertThat(keyring.byId(previous.id())).contains(previous);
    }

    @Test
    void invalidPreviousKeyFailsNamingItsPositionButNotItsValue() {
        String invalid = EncryptionKeyTest.base64OfBytes(16);

        assertThatThrownBy(() -> EncryptionKeyLoader.load(
                        explicitKey.toBase64(), null, null, false, List.of(fileKey.toBase64(), invalid)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("previous encryption key #2")
                .message().doesNotContain(invalid);
    }

    private Path writeKeyFile(String content) throws IOException {
        return Files.writeString(tempDir.resolve("berth.key"), content);
    }
}
