package io.jenkins.plugins.kargo.plugin.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.kargo.plugin.engine.Delivery;
import io.jenkins.plugins.kargo.plugin.history.BuildRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * {@code kargoApply}'s execution: copies the YAML files from the workspace (on whichever agent) to a directory on
 * the controller, has the engine validate and store them, and returns the projects stored.
 */
public final class ApplyExecution extends SynchronousNonBlockingStepExecution<java.util.List<String>> {

    private static final long serialVersionUID = 1L;
    static final String YAML = "**/*.yaml,**/*.yml";

    private final String path;
    private final Delivery.Source source;
    private final BuildRecord.Access builds;

    public ApplyExecution(StepContext context, String path, Delivery.Source source, BuildRecord.Access builds) {
        super(context);
        this.path = path;
        this.source = source;
        this.builds = builds;
    }

    @Override
    protected java.util.List<String> run() throws Exception {
        TaskListener listener = getContext().get(TaskListener.class);
        FilePath workspace = getContext().get(FilePath.class);
        FilePath from = workspace.child(path);
        if (!from.exists()) {
            throw new AbortException("Kargo: no " + path + " in the workspace " + workspace.getRemote()
                    + ": check the repository out first, or give kargoApply(path: 'DIR')");
        }
        Path copy = Files.createTempDirectory("kargo-apply");
        try (Delivery delivery = source.open(getContext())) {
            FilePath target = new FilePath(copy.toFile());
            if (from.isDirectory()) {
                from.copyRecursiveTo(YAML, target);
            } else {
                from.copyTo(target.child(from.getRemote().replaceAll(".*[/\\\\]", "")));
            }
            Delivery.Applied applied;
            try {
                applied = delivery.apply(copy, builds.of(getContext()).actor());
            } catch (IllegalArgumentException e) {
                throw new AbortException("Kargo: " + delivery.mask().apply(e.getMessage().replace(copy + "/",
                        path + "/")));
            }
            applied.warnings().forEach(w -> listener.getLogger().println("Kargo: warning: "
                    + w.replace(copy + "/", path + "/")));
            listener.getLogger().println("Kargo: applied " + String.join(", ", applied.projects()) + " from " + path);
            return applied.projects();
        } finally {
            try (Stream<Path> walk = Files.walk(copy)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
