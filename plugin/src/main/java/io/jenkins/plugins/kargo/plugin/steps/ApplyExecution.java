package io.jenkins.plugins.kargo.plugin.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.kargo.plugin.config.GitProjectSource;
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
 * the controller, or names the global configuration's git project source, has the engine validate and store them,
 * and returns the projects stored.
 */
public final class ApplyExecution extends SynchronousNonBlockingStepExecution<java.util.List<String>> {

    private static final long serialVersionUID = 1L;
    static final String YAML = "**/*.yaml,**/*.yml";

    /** The path in the workspace; null when reading {@link #git}. */
    private final String path;
    private final GitProjectSource git;
    private final Delivery.Source source;
    private final BuildRecord.Access builds;

    private ApplyExecution(StepContext context, String path, GitProjectSource git, Delivery.Source source,
                           BuildRecord.Access builds) {
        super(context);
        this.path = path;
        this.git = git;
        this.source = source;
        this.builds = builds;
    }

    public static ApplyExecution fromWorkspace(StepContext context, String path, Delivery.Source source,
                                               BuildRecord.Access builds) {
        return new ApplyExecution(context, path, null, source, builds);
    }

    public static ApplyExecution fromGit(StepContext context, GitProjectSource git, Delivery.Source source,
                                         BuildRecord.Access builds) {
        return new ApplyExecution(context, null, git, source, builds);
    }

    @Override
    protected java.util.List<String> run() throws Exception {
        TaskListener listener = getContext().get(TaskListener.class);
        String actor = builds.of(getContext()).actor();
        if (git != null) {
            try (Delivery delivery = source.open(getContext())) {
                return report(listener, applied(delivery, () -> delivery.apply(git, actor), Names.AS_IS), git.toString());
            }
        }
        FilePath workspace = getContext().get(FilePath.class);
        if (workspace == null) {
            throw new AbortException("Kargo: kargoApply reads the workspace: run it inside node, or read the "
                    + "project source with kargoApply(source: 'git')");
        }
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
            Names names = text -> text.replace(copy + "/", path + "/");
            return report(listener, applied(delivery, () -> delivery.apply(copy, actor), names), path);
        } finally {
            try (Stream<Path> walk = Files.walk(copy)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private interface Apply {
        Delivery.Applied run() throws Exception;
    }

    /** How the engine's messages name the files: the controller's copy as the workspace's path. */
    private interface Names {
        Names AS_IS = text -> text;

        String of(String text);
    }

    /** What the engine stored, its warnings named as the user knows the files; its problems fail the step, masked. */
    private static Delivery.Applied applied(Delivery delivery, Apply apply, Names names) throws Exception {
        Delivery.Applied applied;
        try {
            applied = apply.run();
        } catch (IllegalArgumentException e) {
            throw new AbortException("Kargo: " + delivery.mask().apply(names.of(e.getMessage())));
        }
        return new Delivery.Applied(applied.projects(), applied.warnings().stream().map(names::of).toList());
    }

    private static java.util.List<String> report(TaskListener listener, Delivery.Applied applied, String from) {
        applied.warnings().forEach(w -> listener.getLogger().println("Kargo: warning: " + w));
        listener.getLogger().println("Kargo: applied " + String.join(", ", applied.projects()) + " from " + from);
        return applied.projects();
    }
}
