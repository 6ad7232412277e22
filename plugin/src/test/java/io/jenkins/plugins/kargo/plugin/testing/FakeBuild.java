package io.jenkins.plugins.kargo.plugin.testing;

import hudson.model.Action;
import io.jenkins.plugins.kargo.plugin.history.BuildRecord;
import io.jenkins.plugins.kargo.plugin.history.PromotionAction;
import io.jenkins.plugins.kargo.plugin.history.PromotionHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** A build and its job's earlier builds, as a test sets them up. */
public final class FakeBuild implements BuildRecord {

    private static volatile FakeBuild current;

    /** Finds the build the test set up last. */
    public enum Access implements BuildRecord.Access {
        CURRENT;

        @Override
        public BuildRecord of(StepContext context) {
            return current;
        }
    }

    private final int number;
    private final String actor;
    private final List<Action> actions = new CopyOnWriteArrayList<>();
    private final List<PromotionHistory.Build> earlier = new ArrayList<>();
    public final AtomicInteger saves = new AtomicInteger();

    public FakeBuild(int number, String actor) {
        this.number = number;
        this.actor = actor;
        current = this;
    }

    /** An earlier build of the job with its promotions (add the newest last). */
    public FakeBuild earlier(int number, PromotionAction... promotions) {
        earlier.add(0, new PromotionHistory.Build(number, "job/deliver/" + number + "/", List.of(promotions)));
        return this;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String actor() {
        return actor;
    }

    @Override
    public <A extends Action> List<A> actions(Class<A> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void add(Action action) {
        actions.add(action);
        saves.incrementAndGet();
    }

    @Override
    public void save() {
        saves.incrementAndGet();
    }

    @Override
    public Iterable<PromotionHistory.Build> history() {
        List<PromotionHistory.Build> all = new ArrayList<>();
        all.add(new PromotionHistory.Build(number, "job/deliver/" + number + "/",
                actions(PromotionAction.class)));
        all.addAll(earlier);
        return all;
    }
}
