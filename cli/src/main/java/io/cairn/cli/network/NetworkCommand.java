package io.cairn.cli.network;

import picocli.CommandLine.Command;

/** {@code cairn network}: bridge networks (docs/NETWORKING.md). */
@Command(name = "network", description = "Manage networks.",
        subcommands = {NetworkCreate.class, NetworkLs.class, NetworkInspect.class, NetworkRm.class, NetworkPrune.class,
                NetworkConnect.class, NetworkDisconnect.class})
public final class NetworkCommand {
}
