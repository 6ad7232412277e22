package io.jenkins.plugins.kargo.cli;

import picocli.CommandLine.Option;

/** {@code --freight NAME | --freight-alias ALIAS}: one Freight, as Kargo's commands name it. */
final class FreightReference {

    @Option(names = "--freight", paramLabel = "NAME", description = "The Freight, by name.")
    String name;

    @Option(names = "--freight-alias", paramLabel = "ALIAS", description = "The Freight, by alias.")
    String alias;

    /** The name or the alias, whichever was given (the engine accepts both). */
    String ref() {
        return name != null ? name : alias;
    }
}
