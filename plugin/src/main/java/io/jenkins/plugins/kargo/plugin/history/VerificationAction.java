package io.jenkins.plugins.kargo.plugin.history;

/** A re-verification a build ran ({@code kargoVerify}), kept in its {@code build.xml} and shown on its page. */
public final class VerificationAction extends KargoBuildAction {

    private final String verification;
    private final String freight;
    private final String freightAlias;
    private final String phase;
    private final String message;

    public VerificationAction(String project, String stage, String verification, String freight, String freightAlias,
                              String phase, String message) {
        super(project, stage);
        this.verification = verification;
        this.freight = freight;
        this.freightAlias = freightAlias;
        this.phase = phase;
        this.message = message;
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

    @Override
    public String getDisplayName() {
        return "Kargo verification of " + getStage();
    }
}
