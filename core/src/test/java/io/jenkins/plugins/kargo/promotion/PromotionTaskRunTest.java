package io.jenkins.plugins.kargo.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.promotion.flow.ComposeOutputStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage whose template uses promotion tasks, inflated and run as Kargo runs them. */
class PromotionTaskRunTest {

    @TempDir
    Path dir;

    private static final String CONFIG = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: Project
            metadata: {name: shop}
            ---
            apiVersion: kargo.akuity.io/v1alpha1
            kind: Warehouse
            metadata: {name: images, namespace: shop}
            spec:
              subscriptions: [{image: {repoURL: ghcr.io/acme/web}}]
            ---
            apiVersion: kargo.akuity.io/v1alpha1
            kind: PromotionTask
            metadata: {name: render, namespace: shop}
            spec:
              vars:
                - name: target
                - name: greeting
                  value: hello
              steps:
                - uses: echo
                  as: first
                  config: {said: "${{ vars.greeting }} ${{ vars.target }}", stage: "${{ ctx.stage }}"}
                - uses: echo
                  config: {again: "${{ task.outputs.first.said }}", alias: "${{ ctx.meta.step.alias }}"}
                - uses: compose-output
                  config: {message: "${{ task.outputs['step-2'].again }}!"}
            ---
            apiVersion: kargo.akuity.io/v1alpha1
            kind: ClusterPromotionTask
            metadata: {name: shout}
            spec:
              steps:
                - uses: compose-output
                  as: out
                  config: {loud: "${{ vars.word }}"}
            ---
            apiVersion: kargo.akuity.io/v1alpha1
            kind: Stage
            metadata: {name: qa, namespace: shop}
            spec:
              requestedFreight:
                - origin: {kind: Warehouse, name: images}
                  sources: {direct: true}
              promotionTemplate:
                spec:
                  vars: [{name: greeting, value: hi}]
                  steps:
                    - uses: echo
                    - task: {name: render}
                      as: render
                      vars: [{name: target, value: world}]
                    - task: {name: shout, kind: ClusterPromotionTask}
                      vars: [{name: word, value: "${{ outputs.render.message }}"}]
                    - uses: echo
                      as: last
                      config: {fromTask: "${{ outputs.render.message }}", fromCluster: "${{ outputs['task-3'].loud }}"}
            """;

    @Test
    void taskStepsRunInPlaceWithTheirInputsTaskOutputsAndComposedOutputs() throws Exception {
        Files.writeString(dir.resolve("shop.yaml"), CONFIG);
        KargoConfig config = new ConfigLoader().load(dir);
        Stage qa = config.stage("shop", "qa").orElseThrow();
        PromotionPlan plan = PromotionPlan.of(qa, reference -> config.promotionTask("shop", reference));

        assertThat(plan.steps()).extracting(s -> s.as()).containsExactly("step-1", "render::first", "render::step-2",
                "render::step-3", "task-3::out", "last");

        PromotionRunnerTest.Echo echo = new PromotionRunnerTest.Echo();
        PromotionRunner runner = new PromotionRunner(StepRegistry.of(echo, new ComposeOutputStep()),
                Clock.systemUTC());
        Freight freight = new Freight("f00d", "brave-eagle", FreightOrigin.warehouse("images"), Instant.EPOCH,
                List.of(new FreightImage("ghcr.io/acme/web", "1.0.0", "sha256:abc", Map.of(), "")), List.of(),
                List.of(), List.of());
        PromotionRun run = runner.run(plan.vars(), plan.steps(), new StepContext("shop", "qa", "qa.1", "alice",
                new FreightCollection(List.of(freight)), dir, CredentialsProvider.NONE, EventSink.NONE,
                Clock.systemUTC()), () -> false);

        assertThat(run.message()).isEmpty();
        assertThat(run.phase()).isEqualTo(PromotionPhase.Succeeded);
        // the promotion's 'greeting' (hi) takes the place of the task's default (hello), as in Kargo
        assertThat(run.steps().get(1).output()).isEqualTo(Map.of("said", "hi world", "stage", "qa"));
        assertThat(run.steps().get(2).output()).isEqualTo(Map.of("again", "hi world", "alias", "render::step-2"));
        assertThat(run.steps().get(5).output()).isEqualTo(Map.of("fromTask", "hi world!", "fromCluster", "hi world!"));
    }
}
