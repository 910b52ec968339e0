package io.cairn.cli.command;

import java.nio.file.Path;

/**
 * The options every command inherits from {@code cairn} itself ({@code --root}, {@code --debug}):
 * what a command reads through {@code ClientCommand.globals()} (picocli: {@code spec.root().userObject()}), so that commands depend on this
 * leaf package and not on the composition root that lists them.
 */
public interface GlobalOptions {

    /** The root in effect (the flag, then {@code $CAIRN_ROOT}, then the default). */
    Path root();

    /** Whether errors print their stack traces. */
    boolean debug();
}
