package io.jenkins.plugins.kargo.promotion.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    void namesTheFieldOfEachMistake() {
        assertProblem("{\"apps\": [{\"name\": \"a\", \"sourcez\": []}]}",
                "field 'apps[0].sourcez' is not a known field", "sources");
        assertProblem("{\"apps\": [{\"name\": \"a\", \"selector\": {\"matchLabels\": {\"x\": \"y\"}}}]}",
                "field 'apps[0]'", "either 'name' or 'selector'");
        assertProblem("{\"apps\": [{\"namespace\": \"argocd\"}]}", "either 'name' or 'selector'");
        assertProblem("{\"apps\": [{\"name\": \"a\", \"sources\": [{\"repoURL\": \"r\", \"updateTargetRevision\": true}]}]}",
                "field 'apps[0].sources[0]'", "'updateTargetRevision: true' needs 'desiredRevision'");
        assertProblem("{\"apps\": [{\"name\": \"a\", \"sources\": [{\"repoURL\": \"r\", \"kustomize\": {\"images\": "
                + "[{\"repoURL\": \"nginx\", \"tag\": \"1\", \"digest\": \"sha256:x\"}]}}]}]}",
                "field 'apps[0].sources[0].kustomize.images[0]'", "'tag' or 'digest', not both");
        assertProblem("{\"apps\": [{\"selector\": {\"matchExpressions\": [{\"key\": \"k\", \"operator\": \"Like\"}]}}]}",
                "'operator' is 'Like'; use In, NotIn, Exists or DoesNotExist");
        assertProblem("{\"apps\": [{\"name\": \"a\"}], \"timeout\": \"5 minutes\"}",
                "'timeout' is '5 minutes', not a duration such as 30s, 5m or 1h30m");
        assertProblem("{\"apps\": []}", "'apps' must list at least one Application");
        assertProblem("{}", "'apps' must list at least one Application");
    }

    private static void assertProblem(String config, String... fragments) {
        assertThatThrownBy(() -> ArgoCdUpdateConfig.parse(json(config)))
                .isInstanceOf(IllegalArgumentException.class).message().contains(fragments);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
