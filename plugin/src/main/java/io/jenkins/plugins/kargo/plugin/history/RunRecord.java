package io.jenkins.plugins.kargo.plugin.history;

import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.Run;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** A {@link BuildRecord} that is a Jenkins build. */
public final class RunRecord implements BuildRecord {

    /** The build of a step's context. */
    public enum Access implements BuildRecord.Access {
        RUN;

        @Override
        public BuildRecord of(StepContext context) throws IOException, InterruptedException {
            return new RunRecord(context.get(Run.class));
        }
    }

    private final Run<?, ?> run;

    public RunRecord(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public int number() {
        return run.getNumber();
    }

    @Override
    public String actor() {
        Cause.UserIdCause user = run.getCause(Cause.UserIdCause.class);
        return user != null && user.getUserId() != null ? user.getUserId() : "jenkins:" + run.getExternalizableId();
    }

    @Override
    public <A extends Action> List<A> actions(Class<A> type) {
        return run.getActions(type);
    }

    @Override
    public void add(Action action) throws IOException {
        run.addAction(action);
        run.save();
    }

    @Override
    public void save() throws IOException {
        run.save();
    }

    @Override
    public Iterable<PromotionHistory.Build> history() {
        return PromotionHistory.builds(run.getParent());
    }
}
