package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A promotion step for lifecycle tests ({@code uses: record}): records which Freight it promoted into which stage,
 * how many ran at once per stage, whether its working directory was fresh; fails for chosen Freight; and can wait
 * at a test's gate.
 */
final class RecordStep implements PromotionStepRunner {

    interface Gate {
        void pass(StepContext context) throws InterruptedException;
    }

    final List<String> promoted = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
    final List<String> leftovers = Collections.synchronizedList(new ArrayList<>());
    volatile Set<String> failFor = Set.of();
    volatile Gate gate = context -> { };

    @Override
    public String name() {
        return "record";
    }

    @Override
    public StepResult run(StepContext context, JsonNode config) throws InterruptedException {
        int now = running.computeIfAbsent(context.stage(), s -> new AtomicInteger()).incrementAndGet();
        mostAtOnce.computeIfAbsent(context.stage(), s -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            if (Files.exists(context.workDir().resolve(PromotionWorkerProcess.LEFTOVER))) {
                leftovers.add(context.promotion());
            }
            gate.pass(context);
            String freight = context.freight().items().get(0).alias();
            promoted.add(context.stage() + ":" + freight);
            return failFor.contains(freight) ? StepResult.failed("refused " + freight)
                    : StepResult.succeeded(Map.of("freight", freight), "recorded " + freight);
        } finally {
            running.get(context.stage()).decrementAndGet();
        }
    }
}
