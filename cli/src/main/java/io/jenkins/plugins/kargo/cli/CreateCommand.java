package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.CommandRefusedException;
import io.jenkins.plugins.kargo.application.command.FreightCreationResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kargo create freight}: Freight of chosen versions (a Manual warehouse's only way to get Freight). */
@Command(name = "create", description = "Create a resource.", subcommands = {CreateCommand.Freight.class})
final class CreateCommand {

    @Command(name = "freight", description = {"Make Freight of chosen versions among those the warehouse's last",
            "discovery found. Subscriptions not named take their newest version."})
    static final class Freight extends EngineCommand {

        @Option(names = "--warehouse", required = true, paramLabel = "NAME", description = "The warehouse.")
        String warehouse;

        @Option(names = "--artifact", paramLabel = "SUBSCRIPTION=VERSION", description = {
                "A subscription (its name, repository URL, or chart / package name) and the",
                "version to take, e.g. ghcr.io/acme/web=1.2.0. Repeatable."})
        Map<String, String> artifacts = new LinkedHashMap<>();

        @Override
        int run(Kargo kargo, PrintWriter out) throws ConfigException {
            try {
                FreightCreationResult creation = kargo.commands().createFreight(project(kargo), warehouse, artifacts,
                        Actor.current());
                out.println("freight/" + creation.freight().name() + " (" + creation.freight().alias() + ") "
                        + (creation.created() ? "created" : "unchanged: the same versions made it before"));
                return ExitCodes.OK;
            } catch (CommandRefusedException e) {
                throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
            }
        }
    }
}
