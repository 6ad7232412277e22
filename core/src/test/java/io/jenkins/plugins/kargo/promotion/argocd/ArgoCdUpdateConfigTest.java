package io.jenkins.plugins.kargo.promotion.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.promotion.StepException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArgoCdUpdateConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsKargosShapeWithDefaults() throws Exception {
        ArgoCdUpdateConfig config = ArgoCdUpdateConfig.parse(json("""
                {"apps": [{"name": "guestbook", "sources": [{"repoURL": "https://git.example.com/gitops",
                  "desiredRevision": "abc", "updateTargetRevision": true,
                  "kustomize": {"images": [{"repoURL": "nginx", "tag": "1.2.3"}, {"repoURL": "redis"}]}}]},
                 {"namespace": "gitops", "selector": {"matchLabels": {"team": "web"}}}],
                 "timeout": "1m30s"}
                """));

        assertThat(config.apps()).hasSize(2);
        assertThat(config.apps().get(0).namespace()).isEqualTo("argocd");
        assertThat(config.apps().get(1).namespace()).isEqualTo("gitops");
        assertThat(config.apps().get(1).sources()).isEmpty();
        var source = config.apps().get(0).sources().get(0);
        assertThat(source.updateTargetRevision()).isTrue();
        assertThat(source.kustomize().images()).extracting(ArgoCdUpdateConfig.KustomizeImage::asKustomizeImage)
                .containsExactly("nginx:1.2.3", "redis:");
        assertThat(config.timeoutDuration()).contains(Duration.ofSeconds(90));
    }

    @Test
    void namesTheFieldOfEachMistakeWithItsValueAndTheFix() {
        assertProblem("{\"apps\": [{\"name\": \"a\", \"sourcez\": []}]}",
                "config.apps[0].sourcez is not a field of argocd-update; the fields are name, namespace, selector, sources");
        assertProblem("{\"apps\": [{\"name\": \"a\", \"selector\": {\"matchLabels\": {\"x\": \"y\"}}}]}",
                "config.apps[0] sets both name and selector; give either name or selector");
        assertProblem("{\"apps\": [{\"namespace\": \"argocd\"}]}",
                "config.apps[0] names no Application; give either name or selector");
        assertProblem("{\"apps\": [{\"name\": \"a\", \"sources\": [{\"repoURL\": \"r\", \"updateTargetRevision\": true}]}]}",
                "config.apps[0].sources[0].updateTargetRevision is true without desiredRevision; give desiredRevision "
                        + "to point the source at");
        assertProblem("{\"apps\": [{\"name\": \"a\", \"sources\": [{\"repoURL\": \"r\", \"kustomize\": {\"images\": "
                + "[{\"repoURL\": \"nginx\", \"tag\": \"1\", \"digest\": \"sha256:x\"}]}}]}]}",
                "config.apps[0].sources[0].kustomize.images[0] sets both tag and digest; give tag or digest, not both");
        assertProblem("{\"apps\": [{\"selector\": {\"matchExpressions\": [{\"key\": \"k\", \"operator\": \"Like\"}]}}]}",
                "config.apps[0].selector.matchExpressions[0].operator is 'Like'; use In, NotIn, Exists or DoesNotExist");
        assertProblem("{\"apps\": [{\"name\": \"a\"}], \"timeout\": \"5 minutes\"}",
                "config.timeout is '5 minutes', not a positive duration; write it as Go does, e.g. 30s, 5m or 1h30m");
        assertProblem("{\"apps\": []}", "config.apps is required; list at least one Application");
        assertProblem("{}", "config.apps is required; list at least one Application");
        assertProblem("{\"apps\": \"app\"}", "config.apps must be a list, not 'app'");
    }

    private static void assertProblem(String config, String message) {
        assertThatThrownBy(() -> ArgoCdUpdateConfig.parse(json(config)))
                .isInstanceOf(StepException.class).hasMessage(message);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
