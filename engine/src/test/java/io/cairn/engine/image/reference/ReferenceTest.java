package io.cairn.engine.image.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import io.cairn.storage.digest.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases taken from distribution/reference's normalize_test.go and reference_test.go. */
class ReferenceTest {

    private static final String HEX = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            busybox                          | docker.io | library/busybox | latest | busybox:latest
            busybox:1.36                     | docker.io | library/busybox | 1.36   | busybox:1.36
            user/app                         | docker.io | user/app        | latest | user/app:latest
            user/app:v1                      | docker.io | user/app        | v1     | user/app:v1
            docker.io/busybox                | docker.io | library/busybox | latest | busybox:latest
            index.docker.io/busybox          | docker.io | library/busybox | latest | busybox:latest
            docker.io/library/busybox:x      | docker.io | library/busybox | x      | busybox:x
            docker.io/library/a/b            | docker.io | library/a/b     | latest | library/a/b:latest
            localhost/x                      | localhost | x               | latest | localhost/x:latest
            localhost:5000/x                 | localhost:5000 | x          | latest | localhost:5000/x:latest
            localhost:5000/x:5000            | localhost:5000 | x          | 5000   | localhost:5000/x:5000
            example.com/a/b/c:t              | example.com | a/b/c         | t      | example.com/a/b/c:t
            127.0.0.1:5000/x                 | 127.0.0.1:5000 | x          | latest | 127.0.0.1:5000/x:latest
            [::1]:5000/x:t                   | [::1]:5000 | x              | t      | [::1]:5000/x:t
            Foo/bar                          | Foo        | bar            | latest | Foo/bar:latest
            docker.io/ab-c__d---e/f_g.h      | docker.io  | ab-c__d---e/f_g.h | latest | ab-c__d---e/f_g.h:latest
            a-b.example/f                    | a-b.example | f             | latest | a-b.example/f:latest
            a__b/c--d                        | docker.io  | a__b/c--d      | latest | a__b/c--d:latest
            xn--n3h.com/foo:Tag_1.0-x        | xn--n3h.com | foo           | Tag_1.0-x | xn--n3h.com/foo:Tag_1.0-x
            """)
    void normalizesLikeDocker(String text, String domain, String path, String tag, String familiar) {
        Reference ref = Reference.parse(text);
        assertEquals(domain, ref.domain());
        assertEquals(path, ref.path());
        assertEquals(tag, ref.tag());
        assertNull(ref.digest());
        assertEquals(familiar, ref.familiar());
        assertEquals(domain + "/" + path + ":" + tag, ref.toString());
        assertEquals(ref, Reference.parse(ref.toString()), "the canonical form parses to itself");
        assertEquals(ref, Reference.parse(ref.familiar()), "the familiar form parses to the same reference");
    }

    @Test
    void digestReferencesGetNoDefaultTag() {
        Reference ref = Reference.parse("busybox@sha256:" + HEX);
        assertNull(ref.tag());
        assertEquals(Digest.parse("sha256:" + HEX), ref.digest());
        assertEquals("docker.io/library/busybox@sha256:" + HEX, ref.toString());
        assertEquals("busybox@sha256:" + HEX, ref.familiar());

        Reference both = Reference.parse("localhost:5000/x:v2@sha256:" + HEX);
        assertEquals("v2", both.tag());
        assertEquals("localhost:5000/x:v2@sha256:" + HEX, both.familiar());
    }

    @Test
    void parseNormalizedKeepsAnAbsentTag() {
        Reference ref = Reference.parseNormalized("busybox");
        assertNull(ref.tag());
        assertEquals("busybox", ref.familiar());
        assertEquals("docker.io/library/busybox", ref.name());
        assertEquals("busybox", ref.familiarName());
        assertEquals("busybox:latest", ref.withDefaultTag().familiar());
        assertEquals(ref, Reference.parse("busybox:9").nameOnly());
    }

    @Test
    void tagsUpTo128Characters() {
        String tag = "a".repeat(128);
        assertEquals(tag, Reference.parse("x:" + tag).tag());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Reference.parse("x:" + tag + "a"));
        assertTrue(e.getMessage().startsWith("invalid reference format: invalid tag \"" + tag + "a\""), e.getMessage());
    }

    @Test
    void namesUpTo255Characters() {
        String path = "a/".repeat(121) + "abc"; // docker.io/ + 245 = 255
        assertEquals(255, ("docker.io/" + path).length());
        assertEquals(path, Reference.parse(path).path());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Reference.parse(path + "d"));
        assertTrue(e.getMessage().contains("must not be more than 255 characters"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Busybox                  | invalid reference format: repository name (library/Busybox) must be lowercase
            user/App:v1              | invalid reference format: repository name (user/App) must be lowercase
            docker.io/Foo            | invalid reference format: repository name (library/Foo) must be lowercase
            localhost:5000/Up        | invalid reference format: repository name (Up) must be lowercase
            a//b                     | invalid reference format: invalid repository name "a//b" in "a//b"
            -foo                     | invalid reference format: invalid repository name "library/-foo" in "-foo"
            foo-                     | invalid reference format: invalid repository name "library/foo-" in "foo-"
            foo_                     | invalid reference format: invalid repository name "library/foo_" in "foo_"
            a___b                    | invalid reference format: invalid repository name "library/a___b" in "a___b"
            a..b                     | invalid reference format: invalid repository name "library/a..b" in "a..b"
            x:                       | invalid reference format: invalid tag "" in "x:"
            x:-tag                   | invalid reference format: invalid tag "-tag" in "x:-tag"
            x:.tag                   | invalid reference format: invalid tag ".tag" in "x:.tag"
            x:a:b                    | invalid reference format: invalid repository name "library/x:a" in "x:a:b"
            x@                       | invalid reference format: invalid digest "" in "x@"
            x@sha256:abc             | invalid reference format: invalid digest "sha256:abc" in "x@sha256:abc"
            :tag                     | invalid reference format: invalid repository name "library/" in ":tag"
            foo/bar:5000/baz         | invalid reference format: invalid repository name "foo/bar:5000/baz" in "foo/bar:5000/baz"
            exa_mple.com/foo         | invalid reference format: invalid domain "exa_mple.com" in "exa_mple.com/foo"
            -example.com/foo         | invalid reference format: invalid domain "-example.com" in "-example.com/foo"
            localhost:port/foo       | invalid reference format: invalid domain "localhost:port" in "localhost:port/foo"
            """)
    void rejectsWithDockersMessages(String text, String message) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Reference.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void rejectsEmptyAndHexNames() {
        assertEquals("invalid reference format: repository name must have at least one component",
                assertThrows(InvalidArgumentException.class, () -> Reference.parse("")).getMessage());
        assertEquals("invalid repository name (" + HEX + "), cannot specify 64-byte hexadecimal strings",
                assertThrows(InvalidArgumentException.class, () -> Reference.parse(HEX)).getMessage());
        // 64 hex digits under a namespace, or with a tag, are ordinary names
        assertEquals("user/" + HEX, Reference.parse("user/" + HEX).path());
    }

    @Test
    void rejectsUnsupportedOrUppercaseDigests() {
        String upper = "sha256:" + HEX.toUpperCase();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Reference.parse("x@" + upper));
        assertTrue(e.getMessage().contains("unsupported digest \"" + upper + "\""), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> Reference.parse("x@md5:" + "a".repeat(32)));
    }

    @Test
    void constructorValidatesParts() {
        assertThrows(InvalidArgumentException.class, () -> new Reference("docker.io", "UP", null, null));
        assertThrows(InvalidArgumentException.class, () -> new Reference("bad_domain", "x", null, null));
        assertThrows(InvalidArgumentException.class, () -> Reference.parse("x").withTag("no/slash"));
    }
}
