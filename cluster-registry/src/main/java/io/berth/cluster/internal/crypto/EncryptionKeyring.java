package io.berth.cluster.internal.crypto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys credentials can be decrypted with: the current key, which seals every new write, and previous
 * keys, kept only so that rows sealed before a rotation can still be read.
 */
public final class EncryptionKeyring {

    private final EncryptionKey current;
    private final Map<String, EncryptionKey> keysById;

    public EncryptionKeyring(EncryptionKey current, List<EncryptionKey> previous) {
        this.current = Objects.requireNonNull(current, "current key");
        Map<String, EncryptionKey> keys = new LinkedHashMap<>();
        keys.put(current.id(), current);
        // A previous key equal to the current one (a half-finished rotation) is harmless: ids are derived.
        List.copyOf(previous).forEach(key -> keys.putIfAbsent(key.id(), key));
        this.keysById = Map.copyOf(keys);
    }

    public EncryptionKey current() {
        return current;
    }

    /** The current or a previous key with this id. */
    public Optional<EncryptionKey> byId(String id) {
        return Optional.ofNullable(id).map(keysById::get);
    }

    @Override
    public String toString() {
        List<String> previousIds = keysById.keySet().stream()
                .filter(id -> !id.equals(current.id()))
                .sorted()
                .toList();
        return "EncryptionKeyring[current=" + current.id() + ", previous=" + previousIds + "]";
    }
}
