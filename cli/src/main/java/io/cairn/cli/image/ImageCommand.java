package io.cairn.cli.image;

import picocli.CommandLine.Command;

/** {@code cairn image}: the image commands under Docker's {@code image} group names. */
@Command(name = "image", description = "Manage images.",
        subcommands = {ImageCommand.Ls.class, ImageInspect.class, ImageCommand.History.class, ImageCommand.Tag.class,
            ImageCommand.Rm.class, ImagePrune.class, ImageVerify.class, ImageCommand.Import.class, ImageCommand.Load.class,
            ImageCommand.Save.class})
public final class ImageCommand {

    /** {@code image ls}: as {@code images}. */
    @Command(name = "ls", aliases = {"list"}, description = "List images.")
    public static final class Ls extends ImagesCommand {
    }

    /** {@code image history}: as {@code history}. */
    @Command(name = "history", description = "Show the history of an image.")
    public static final class History extends HistoryCommand {
    }

    /** {@code image tag}: as {@code tag}. */
    @Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.")
    public static final class Tag extends TagCommand {
    }

    /** {@code image rm}: as {@code rmi}. */
    @Command(name = "rm", aliases = {"remove"}, description = "Remove one or more images.")
    public static final class Rm extends RmiCommand {
    }

    /** {@code image load}: as {@code load}. */
    @Command(name = "load", description = "Load an image from a tar archive or STDIN.")
    public static final class Load extends LoadCommand {
    }

    /** {@code image save}: as {@code save}. */
    @Command(name = "save", description = "Save one or more images to a tar archive (streamed to STDOUT by default).")
    public static final class Save extends SaveCommand {
    }

    /** {@code image import}: as {@code import}. */
    @Command(name = "import", description = "Import the contents from a tarball to create a filesystem image.")
    public static final class Import extends ImportCommand {
    }
}
