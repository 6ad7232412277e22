package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.ApprovalResult;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kargo approve (--freight F | --freight-alias A) --stage S}: Kargo's manual approval. */
@Command(name = "approve", description = {"Approve Freight for a stage, or sign off its verification there.",
        "When the stage's verification of the Freight waits for a person, this is",
        "the sign-off it waits for; otherwise the Freight becomes available to the",
        "stage whatever its upstream verification (Kargo's manual approval)."})
final class ApproveCommand extends EngineCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    FreightReference freight;

    @Option(names = "--stage", required = true, paramLabel = "NAME", description = "The stage to approve it for.")
    String stage;

    @Override
    int run(Kargo kargo, PrintWriter out) throws ConfigException {
        String ref = freight.ref();
        ApprovalResult approval = kargo.commands().approve(project(kargo), stage, FreightSelector.byNameOrAlias(ref),
                Actor.current());
        out.println("freight/" + ref + switch (approval) {
            case SIGNED_OFF -> " signed off in the verification of stage ";
            case APPROVED -> " approved for stage ";
            case ALREADY_APPROVED -> " was already approved for stage ";
        } + stage);
        out.flush();
        return ExitCodes.OK;
    }
}
