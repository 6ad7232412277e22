package io.jenkins.plugins.kargo.plugin.view;

import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;

/** The Kargo gates waiting in a job's running builds, read from their {@link InputAction}s. */
final class JenkinsGates {

    private static final Logger LOGGER = Logger.getLogger(JenkinsGates.class.getName());

    /** How many of the newest builds are looked at for waiting gates. */
    static final int BUILDS = 20;

    private JenkinsGates() {
    }

    static List<PendingGate> of(Job<?, ?> job) {
        List<PendingGate> gates = new ArrayList<>();
        Run<?, ?> run = job.getLastBuild();
        for (int i = 0; run != null && i < BUILDS; i++, run = run.getPreviousBuild()) {
            InputAction action = run.isBuilding() ? run.getAction(InputAction.class) : null;
            if (action == null) {
                continue;
            }
            try {
                for (InputStepExecution input : action.getExecutions()) {
                    if (input.getId().startsWith("Kargo-") && !input.isSettled()) {
                        gates.add(new PendingGate(input.getId(), run.getUrl(), input.getInput().getMessage(),
                                new PendingGate.Decide() {
                                    @Override
                                    public void approve() throws Exception {
                                        input.doProceedEmpty();
                                    }

                                    @Override
                                    public void reject() throws Exception {
                                        input.doAbort();
                                    }
                                }));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return gates;
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "cannot read the inputs of " + run.getExternalizableId(), e);
            }
        }
        return gates;
    }
}
