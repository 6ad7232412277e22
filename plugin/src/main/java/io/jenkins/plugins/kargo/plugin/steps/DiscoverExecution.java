package io.jenkins.plugins.kargo.plugin.steps;

import hudson.model.TaskListener;
import io.jenkins.plugins.kargo.application.command.CommandRefusedException;
import io.jenkins.plugins.kargo.plugin.engine.Delivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * {@code kargoDiscover}'s execution: a discovery is short, so it runs in a background thread while the step waits
 * (a restart in the middle fails the step, which can simply run again).
 */
public final class DiscoverExecution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {

    private static final long serialVersionUID = 1L;

    private final DiscoverRequest request;
    private final Delivery.Source source;

    public DiscoverExecution(StepContext context, DiscoverRequest request, Delivery.Source source) {
        super(context);
        this.request = request;
        this.source = source;
    }

    @Override
    protected List<Map<String, Object>> run() throws Exception {
        TaskListener listener = getContext().get(TaskListener.class);
        try (Delivery delivery = source.open(getContext())) {
            List<Delivery.FoundFreight> found;
            try {
                found = delivery.discover(request.project(), request.warehouse());
            } catch (IllegalArgumentException | NoSuchElementException | CommandRefusedException e) {
                throw new hudson.AbortException(delivery.mask().apply("Kargo: " + e.getMessage()));
            }
            return summary(found, listener, delivery);
        }
    }

    /** Prints what was found and gives it to the script as plain maps and lists. */
    static List<Map<String, Object>> summary(List<Delivery.FoundFreight> found, TaskListener listener,
                                             Delivery delivery) {
        List<Map<String, Object>> result = new ArrayList<>();
        if (found.isEmpty()) {
            listener.getLogger().println("Kargo: no new Freight");
        }
        for (Delivery.FoundFreight f : found) {
            listener.getLogger().println(delivery.mask().apply("Kargo: new Freight " + f.alias() + " (" + f.name()
                    + ") from warehouse " + f.warehouse() + ": " + f.versions()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", f.name());
            entry.put("alias", f.alias());
            entry.put("warehouse", f.warehouse());
            entry.put("versions", new LinkedHashMap<>(f.versions()));
            result.add(entry);
        }
        return result;
    }
}
