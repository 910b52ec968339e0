package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Position;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.Heredoc;
import io.cairn.dockerfile.shell.ExpansionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The expansion rules of Docker's builder: which words of which instruction are expanded.
 *
 * <p>Expanded: COPY and ADD sources, destination, {@code --from}, {@code --chown},
 * {@code --chmod}, {@code --exclude}, {@code --checksum} and unquoted-marker heredoc bodies;
 * ENV and LABEL keys and values; ARG names and defaults; EXPOSE (then split on whitespace);
 * VOLUME; WORKDIR; USER; STOPSIGNAL; RUN {@code --mount} options. Not expanded: RUN, CMD,
 * ENTRYPOINT and HEALTHCHECK commands (the shell does that), SHELL, MAINTAINER, ONBUILD
 * triggers (expanded when they run), RUN {@code --network}. FROM is expanded by the caller,
 * with the global ARGs only.
 */
public final class Expander {

    /** Expands one word's text. */
    @FunctionalInterface
    public interface Words {
        /** The expanded text. */
        String word(String text) throws ExpansionException;

        /** The expanded heredoc body: variables substituted, quotes and escapes kept. */
        default String heredoc(String body) throws ExpansionException {
            return word(body);
        }

        /** Expands and splits on unquoted whitespace (EXPOSE). */
        default List<String> split(String text) throws ExpansionException {
            String v = word(text);
            List<String> out = new ArrayList<>();
            for (String s : v.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    private final Words words;

    public Expander(Words words) {
        this.words = words;
    }

    /**
     * The instruction with Docker's expandable words expanded; same type, same node.
     *
     * @throws InvalidInstructionException naming the word that cannot be expanded
     */
    public Instruction expand(Instruction in) throws InvalidInstructionException {
        if (in instanceof Copy c) {
            return new Copy(c.node(), spec(c.spec()), opt(c.from()), c.parents());
        }
        if (in instanceof Add a) {
            return new Add(a.node(), spec(a.spec()), opt(a.checksum()), a.keepGitDir());
        }
        if (in instanceof Env e) {
            return new Env(e.node(), pairs(e.variables()));
        }
        if (in instanceof Label l) {
            return new Label(l.node(), pairs(l.labels()));
        }
        if (in instanceof Arg a) {
            List<ArgDecl> out = new ArrayList<>();
            for (ArgDecl d : a.args()) {
                out.add(new ArgDecl(word(d.name()), opt(d.defaultValue())));
            }
            return new Arg(a.node(), out);
        }
        if (in instanceof Expose e) {
            List<Word> out = new ArrayList<>();
            for (Word w : e.ports()) {
                try {
                    for (String p : words.split(w.text())) {
                        out.add(new Word(p, w.position()));
                    }
                } catch (ExpansionException ex) {
                    throw failure(w, ex);
                }
            }
            return new Expose(e.node(), out);
        }
        if (in instanceof Volume v) {
            return new Volume(v.node(), list(v.paths()));
        }
        if (in instanceof Workdir w) {
            return new Workdir(w.node(), word(w.path()));
        }
        if (in instanceof User u) {
            return new User(u.node(), word(u.user()));
        }
        if (in instanceof StopSignal s) {
            return new StopSignal(s.node(), word(s.signal()));
        }
        if (in instanceof Run r) {
            List<Mount> mounts = new ArrayList<>();
            for (Mount m : r.mounts()) {
                Word spec = word(m.spec());
                mounts.add(spec == m.spec() ? m : MountParser.parse(spec)); // re-parse only what changed
            }
            return new Run(r.node(), r.command(), r.heredocs(), mounts, r.network(), r.security());
        }
        return in; // FROM (by the caller), CMD, ENTRYPOINT, HEALTHCHECK, SHELL, ONBUILD, MAINTAINER
    }

    /** Expands one word; errors name the word and point into it. */
    public Word word(Word w) throws InvalidInstructionException {
        try {
            return w.withText(words.word(w.text()));
        } catch (ExpansionException e) {
            throw failure(w, e);
        }
    }

    private static InvalidInstructionException failure(Word w, ExpansionException e) {
        int offset = Math.max(0, Math.min(e.offset(), w.text().length()));
        int nl = w.text().lastIndexOf('\n', offset);
        // a word is on one physical line unless it came through a continuation; stay on its line then
        Position at = nl >= 0 ? w.position() : new Position(w.position().line(), w.position().column() + offset);
        return new InvalidInstructionException(at, e.getMessage() + " in \"" + w.text() + "\"");
    }

    private CopySpec spec(CopySpec s) throws InvalidInstructionException {
        List<CopySource> sources = new ArrayList<>();
        for (CopySource src : s.sources()) {
            if (src instanceof CopySource.Path p) {
                sources.add(new CopySource.Path(word(p.path())));
            } else {
                Heredoc h = ((CopySource.Inline) src).heredoc();
                if (h.expand()) {
                    try {
                        h = new Heredoc(h.marker(), h.name(), h.fileDescriptor(), h.expand(), h.chomp(),
                                words.heredoc(h.content()), h.position(), h.firstLine());
                    } catch (ExpansionException e) {
                        throw new InvalidInstructionException(h.position(),
                                e.getMessage() + " in the body of heredoc " + h.marker());
                    }
                }
                sources.add(new CopySource.Inline(h));
            }
        }
        return new CopySpec(sources, word(s.destination()), opt(s.chown()), opt(s.chmod()), s.link(), list(s.excludes()));
    }

    private List<KeyValue> pairs(List<KeyValue> in) throws InvalidInstructionException {
        List<KeyValue> out = new ArrayList<>(in.size());
        for (KeyValue kv : in) {
            out.add(new KeyValue(word(kv.key()), word(kv.value())));
        }
        return out;
    }

    private List<Word> list(List<Word> in) throws InvalidInstructionException {
        List<Word> out = new ArrayList<>(in.size());
        for (Word w : in) {
            out.add(word(w));
        }
        return out;
    }

    private Optional<Word> opt(Optional<Word> w) throws InvalidInstructionException {
        return w.isPresent() ? Optional.of(word(w.get())) : w;
    }
}
