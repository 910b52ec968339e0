package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.Heredoc;

/** A source of COPY or ADD: a path (or URL, for ADD) or an inline here-document. */
public sealed interface CopySource {

    /** A path in the context (or in {@code --from}'s stage or image), possibly with wildcards; or a URL. */
    record Path(Word path) implements CopySource {

        /** True for a URL or git source (ADD only): fetched, not read from the context. */
        public boolean isRemote() {
            String s = path.text().toLowerCase(java.util.Locale.ROOT);
            return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("git@")
                    || s.startsWith("git://") || s.startsWith("ssh://");
        }
    }

    /** {@code <<EOF}: a file whose content is the here-document, named after the marker. */
    record Inline(Heredoc heredoc) implements CopySource {
    }
}
