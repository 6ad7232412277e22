package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.VerificationTicket;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kargo reject (--freight F | --freight-alias A) --stage S}: the "no" to a verification that waits for a person. */
@Command(name = "reject", description = {"Reject Freight in a stage's verification that waits for a person.",
        "The verification fails, so the Freight goes no further."})
final class RejectCommand extends EngineCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    FreightReference freight;

    @Option(names = "--stage", required = true, paramLabel = "NAME", description = "The stage whose verification waits.")
    String stage;

    @Override
    int run(Kargo kargo, PrintWriter out) throws ConfigException {
        VerificationTicket rejected = kargo.commands().reject(project(kargo), stage,
                FreightSelector.byNameOrAlias(freight.ref()), Actor.current());
        out.println("freight/" + freight.ref() + " rejected in verification/" + rejected.name() + " of stage " + stage);
        return ExitCodes.OK;
    }
}
