/**
 * Encryption at rest of the credentials (kubeconfigs) of registered clusters.
 *
 * <p>What lives here: {@link io.berth.cluster.internal.crypto.EncryptionKey} (one AES-256 key and its
 * id), {@link io.berth.cluster.internal.crypto.EncryptionKeyring} (the current key and previous ones),
 * {@link io.berth.cluster.internal.crypto.EncryptionKeyLoader} (where the key comes from at startup),
 * {@link io.berth.cluster.internal.crypto.CredentialCipher} (seal and open) and
 * {@link io.berth.cluster.internal.crypto.SealedSecret} (what is stored).
 *
 * <p>Design:
 * <ul>
 *   <li>AES-256-GCM with a 128-bit tag: encryption and integrity in one standard JDK primitive, no
 *       extra dependency.</li>
 *   <li>A fresh random 96-bit nonce for every write, stored beside the ciphertext. GCM must never reuse a
 *       nonce under one key; random nonces need no counter shared between writers.</li>
 *   <li>The key id is stored beside the ciphertext, so each row says which key opens it. Ids are derived
 *       from the key (a short SHA-256 prefix), so they cannot be mixed up and reveal nothing useful.</li>
 *   <li>The associated data is the id of the row (the cluster id). It is authenticated, not stored: a
 *       ciphertext copied into another row fails to decrypt instead of handing out another cluster's
 *       credentials.</li>
 *   <li>Rotation: configure the new key as the current one and add the old key to the previous keys.
 *       New writes use the new key at once; old rows still open with the old key, and
 *       {@link io.berth.cluster.internal.crypto.CredentialCipher#needsReseal} tells the writer to seal
 *       them again with the current key when they are next written. Once no row names the old key any
 *       more, it can be removed.</li>
 *   <li>No key material in messages, logs or {@code toString()}: they name key ids and paths only.</li>
 * </ul>
 */
package io.berth.cluster.internal.crypto;
