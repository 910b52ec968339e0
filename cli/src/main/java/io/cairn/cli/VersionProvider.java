package io.cairn.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code cairn --version}. */
public final class VersionProvider implements IVersionProvider {
    public static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"Cairn version " + VERSION};
    }
}
