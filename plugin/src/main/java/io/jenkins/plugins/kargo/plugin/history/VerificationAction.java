package io.jenkins.plugins.kargo.plugin.history;

import hudson.model.Run;
import jenkins.model.RunAction2;

/** A re-verification a build ran ({@code kargoVerify}), kept in its {@code build.xml} and shown on its page. */
public final class VerificationAction implements RunAction2 {

    private final String project;
    private final String stage;
    private final String verification;
    private final String freight;
    private final String freightAlias;
    private final String phase;
    private final String message;
    private transient Run<?, ?> run;

    public VerificationAction(String project, String stage, String verification, String freight, String freightAlias,
                              String phase, String message) {
        this.project = project;
        this.stage = stage;
        this.verification = verification;
        this.freight = freight;
        this.freightAlias = freightAlias;
        this.phase = phase;
        this.message = message;
    }

    public String getProject() {
        return project;
    }

    public String getStage() {
        return stage;
    }

    public String getVerification() {
        return verification;
    }

    public String getFreight() {
        return freight;
    }

    public String getFreightAlias() {
        return freightAlias;
    }

    public String getPhase() {
        return phase;
    }

    public String getMessage() {
        return message;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Kargo verification of " + stage;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
