package io.cairn.storage.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DigestTest {

    private static final String EMPTY_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void sha256OfKnownInputs() {
        assertEquals("sha256:" + EMPTY_SHA256, Digest.sha256(new byte[0]).toString());
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Digest.sha256("abc").toString());
    }

    @Test
    void parseRoundTripsSha256AndSha512() {
        Digest d = Digest.parse("sha256:" + EMPTY_SHA256);
        assertEquals("sha256", d.algorithm());
        assertEquals(EMPTY_SHA256, d.hex());
        assertEquals(d, Digest.parse(d.toString()));

        String sha512 = "sha512:" + "ab".repeat(64);
        assertEquals(sha512, Digest.parse(sha512).toString());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "",
        ":",
        "sha256",
        "sha256:",
        ":" + EMPTY_SHA256,
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "SHA256:" + EMPTY_SHA256,
        "sha256:" + "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:" + EMPTY_SHA256 + "0",
        "sha256:" + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "sha256:" + EMPTY_SHA256 + "\n",
        " sha256:" + EMPTY_SHA256,
        "sha256:" + "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:../../../../etc/passwd",
        "sha512:" + EMPTY_SHA256,
        "sha256:sha256:" + EMPTY_SHA256,
    })
    void parseRejectsMalformedTextAndQuotesIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(text));
        assertTrue(e.getMessage().contains(String.valueOf(text).substring(0, Math.min(String.valueOf(text).length(), 10))),
                () -> "message should quote the input: " + e.getMessage());
    }

    @Test
    void constructorRejectsNulls() {
        assertThrows(IllegalArgumentException.class, () -> new Digest(null, EMPTY_SHA256));
        assertThrows(IllegalArgumentException.class, () -> new Digest("sha256", null));
    }

    @Test
    void messageDigestMatchesAlgorithm() {
        assertEquals("SHA-256", Digest.parse("sha256:" + EMPTY_SHA256).newMessageDigest().getAlgorithm());
        assertEquals("SHA-512", Digest.newMessageDigest("sha512").getAlgorithm());
        assertThrows(IllegalArgumentException.class, () -> Digest.newMessageDigest("md5"));
        byte[] sha512 = Digest.newMessageDigest("sha512").digest(new byte[0]);
        assertEquals(128, Digest.of("sha512", sha512).hex().length());
    }

    @Test
    void ordersByTextForm() {
        Digest a = Digest.sha256("a");
        Digest b = Digest.sha256("b");
        List<Digest> list = new ArrayList<>(List.of(a, b));
        Collections.sort(list);
        assertTrue(list.get(0).toString().compareTo(list.get(1).toString()) < 0);
        assertEquals(0, a.compareTo(Digest.parse(a.toString())));
    }
}
