package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import java.util.List;

/** The command of RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD: shell form or exec (JSON) form. */
public sealed interface CommandForm {

    /** Shell form: run by the stage's SHELL ({@code /bin/sh -c} by default); the text is not expanded. */
    record ShellForm(Word script) implements CommandForm {
    }

    /** Exec form: argv as given, no shell, no expansion. */
    record ExecForm(List<Word> argv) implements CommandForm {
        public ExecForm {
            argv = List.copyOf(argv);
        }
    }
}
