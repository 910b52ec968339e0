package io.cairn.storage.index;

import io.cairn.storage.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Computes {@link IndexStore#digest()} from entries fed in family-name order, then key order.
 * Shared by every implementation so that equal content gives an equal digest.
 *
 * <p>Each entry is framed with big-endian 32-bit lengths (family name in UTF-8, key, value), so no
 * two different entry sequences hash the same bytes. Not thread-safe; one per digest.
 */
public final class IndexDigester {

    private final MessageDigest sha = Digest.newSha256();
    private final byte[] lengthBuffer = new byte[4];
    private String family;
    private byte[] familyBytes;

    /** Adds one entry; entries must come in the order the {@link IndexStore} contract fixes. */
    public void entry(String family, byte[] key, byte[] value) {
        if (!family.equals(this.family)) {
            this.family = family;
            this.familyBytes = family.getBytes(StandardCharsets.UTF_8);
        }
        framed(familyBytes);
        framed(key);
        framed(value);
    }

    /** The digest of every entry added so far. */
    public Digest finish() {
        return Digest.ofSha256(sha.digest());
    }

    private void framed(byte[] bytes) {
        int n = bytes.length;
        lengthBuffer[0] = (byte) (n >>> 24);
        lengthBuffer[1] = (byte) (n >>> 16);
        lengthBuffer[2] = (byte) (n >>> 8);
        lengthBuffer[3] = (byte) n;
        sha.update(lengthBuffer);
        sha.update(bytes);
    }
}
