package io.jenkins.plugins.kargo.plugin.steps;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the steps that act on one stage ({@code kargoPromote}, {@code kargoVerify}) take alike: the project and the
 * stage, required, and who may decide the stage's gate, optional.
 */
public abstract class StageStep extends Step {

    private final String project;
    private final String stage;
    private String submitter;

    protected StageStep(String project, String stage) {
        this.project = project;
        this.stage = stage;
    }

    public String getProject() {
        return project;
    }

    public String getStage() {
        return stage;
    }

    public String getSubmitter() {
        return submitter;
    }

    /** Jenkins user IDs or group names who may decide the gate, comma-separated; default: the stage's approvers. */
    @DataBoundSetter
    public void setSubmitter(String submitter) {
        this.submitter = StepArguments.optional(submitter);
    }
}
