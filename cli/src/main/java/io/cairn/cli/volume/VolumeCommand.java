package io.cairn.cli.volume;

import picocli.CommandLine.Command;

/** {@code cairn volume}: named volumes. */
@Command(name = "volume", description = "Manage volumes.",
        subcommands = {VolumeCreate.class, VolumeLs.class, VolumeInspect.class, VolumeRm.class, VolumePrune.class})
public final class VolumeCommand {
}
