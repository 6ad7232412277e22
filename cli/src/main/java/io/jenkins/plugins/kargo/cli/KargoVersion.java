package io.jenkins.plugins.kargo.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class KargoVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = KargoCommand.class.getPackage().getImplementationVersion();
        return new String[] {"kargo " + (version == null ? "development" : version)};
    }
}
