package io.berth.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the registry finds the key that encrypts stored kubeconfigs. The application supplies this
 * bean because only it knows whether it runs on the embedded database (where a key may be generated).
 *
 * @param keyBase64         the current key, base64 of 32 bytes (from {@code BERTH_ENCRYPTION_KEY}), or null
 * @param keyFile           a file holding the current key in base64, or null
 * @param dataDirectory     where a generated key is kept
 * @param generateIfMissing whether to generate a key into the data directory when none is configured
 * @param previousKeysBase64 older keys, still accepted for reading credentials sealed before a rotation
 */
public record CredentialKeySettings(String keyBase64, Path keyFile, Path dataDirectory, boolean generateIfMissing,
                                    List<String> previousKeysBase64) {

    @Override
    public String toString() {
        return "CredentialKeySettings[keyFile=" + keyFile + ", dataDirectory=" + dataDirectory
                + ", generateIfMissing=" + generateIfMissing + "]";
    }
}
