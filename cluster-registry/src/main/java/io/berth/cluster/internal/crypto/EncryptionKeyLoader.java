package io.berth.cluster.internal.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the encryption key at startup. The first source that is set wins:
 * <ol>
 *   <li>an explicit base64 value ({@code BERTH_ENCRYPTION_KEY});</li>
 *   <li>a key file ({@code berth.encryption.key-file}) holding the base64 value;</li>
 *   <li>only if generation is allowed: {@value #GENERATED_FILE_NAME} in the data directory, generated on
 *       first start and read on every later one.</li>
 * </ol>
 * Generation exists so that a single-node trial works without setup; it warns loudly, because a key kept
 * only beside the data it protects is lost together with it.
 *
 * <p>Messages and logs name paths and key ids, never key material.
 */
public final class EncryptionKeyLoader {

    static final String GENERATED_FILE_NAME = "encryption.key";

    private static final Logger log = LoggerFactory.getLogger(EncryptionKeyLoader.class);

    private EncryptionKeyLoader() {
    }

    /**
     * @param keyBase64          explicit key; null or blank means not set
     * @param keyFile            file holding the key; null means not set
     * @param dataDirectory      where a generated key is kept; only used if {@code generateIfMissing}
     * @param generateIfMissing  whether to fall back to a key generated in the data directory
     * @param previousKeysBase64 keys from before a rotation, to read old rows; null or blank entries ignored
     * @throws IllegalStateException if no source is set, or the one that is set holds no valid key
     */
    public static EncryptionKeyring load(String keyBase64, Path keyFile, Path dataDirectory,
            boolean generateIfMissing, List<String> previousKeysBase64) {
        Loaded current = loadCurrent(keyBase64, keyFile, dataDirectory, generateIfMissing);
        List<EncryptionKey> previous = parsePrevious(previousKeysBase64);
        log.info("Credential encryption key {} loaded from {}; {} previous key(s) configured",
                current.key().id(), current.source(), previous.size());
        return new EncryptionKeyring(current.key(), previous);
    }

    private static Loaded loadCurrent(String keyBase64, Path keyFile, Path dataDirectory,
            boolean generateIfMissing) {
        if (keyBase64 != null && !keyBase64.isBlank()) {
            return new Loaded(parse(keyBase64, "BERTH_ENCRYPTION_KEY"), "BERTH_ENCRYPTION_KEY");
        }
        if (keyFile != null) {
            return new Loaded(readKeyFile(keyFile), "key file " + keyFile);
        }
        if (generateIfMissing) {
            return readOrGenerate(requireDataDirectory(dataDirectory).resolve(GENERATED_FILE_NAME));
        }
        throw new IllegalStateException(
                "no encryption key: set BERTH_ENCRYPTION_KEY (base64 of 32 bytes) or berth.encryption.key-file");
    }

    private static Loaded readOrGenerate(Path file) {
        if (!Files.exists(file)) {
            EncryptionKey generated = EncryptionKey.generate(new SecureRandom());
            if (writeNew(file, generated)) {
                log.warn("Generated a new credential encryption key at {}. Back this file up: if it is lost, "
                        + "the stored cluster credentials cannot be decrypted.", file);
                return new Loaded(generated, "newly generated key file " + file);
            }
        }
        return new Loaded(readKeyFile(file), "key file " + file);
    }

    /** Writes the key into a new owner-only file; false if another process created the file first. */
    private static boolean writeNew(Path file, EncryptionKey key) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Permissions are set at creation, so the key is never readable by others, not even briefly.
            try (FileChannel channel = FileChannel.open(file,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file))) {
                channel.write(ByteBuffer.wrap((key.toBase64() + "\n").getBytes(StandardCharsets.US_ASCII)));
                // On disk before any credential is sealed with it.
                channel.force(true);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("could not write generated encryption key file " + file + ": " + e, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            // e.g. Windows: the file inherits the ACL of the data directory, which must be private anyway.
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }

    private static EncryptionKey readKeyFile(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("encryption key file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalStateException("encryption key file " + file + " could not be read: " + e, e);
        }
        // A non-ASCII byte becomes a replacement character and fails as invalid base64.
        return parse(new String(content, StandardCharsets.US_ASCII), "encryption key file " + file);
    }

    private static List<EncryptionKey> parsePrevious(List<String> previousKeysBase64) {
        List<EncryptionKey> previous = new ArrayList<>();
        if (previousKeysBase64 == null) {
            return previous;
        }
        for (int i = 0; i < previousKeysBase64.size(); i++) {
            String value = previousKeysBase64.get(i);
            if (value != null && !value.isBlank()) {
                previous.add(parse(value, "previous encryption key #" + (i + 1)));
            }
        }
        return previous;
    }

    private static EncryptionKey parse(String base64, String source) {
        try {
            return EncryptionKey.fromBase64(base64);
        } catch (IllegalArgumentException e) {
            // The message of fromBase64 never contains the value, so it is safe to pass on.
            throw new IllegalStateException(source + " is invalid: " + e.getMessage());
        }
    }

    private static Path requireDataDirectory(Path dataDirectory) {
        if (dataDirectory == null) {
            throw new IllegalStateException("no data directory to keep a generated encryption key in");
        }
        return dataDirectory;
    }

    private record Loaded(EncryptionKey key, String source) {
    }
}
