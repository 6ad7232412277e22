package io.jenkins.plugins.kargo.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import org.junit.Rule;
import org.junit.Test;

/** Every field of the global configuration is set by Configuration as Code (the example of docs/jenkins.md). */
public class KargoConfigurationJenkinsTest {

    @Rule
    public JenkinsConfiguredWithCodeRule j = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("kargo-casc.yaml")
    public void theJcascExampleConfiguresEveryField() {
        KargoConfiguration config = KargoConfiguration.get();
        assertThat(config.getStateDirectory()).isEqualTo("/var/jenkins_home/kargo");
        assertThat(config.getConfigurationPath()).isEqualTo("kargo");
        assertThat(config.getCredentials()).hasSize(3);
        assertThat(config.getCredentials().get(0).getKind()).isEqualTo("image");
        assertThat(config.getCredentials().get(0).isRepoURLIsRegex()).isTrue();
        assertThat(config.getCredentials().get(0).getCredentialsId()).isEqualTo("harbor-robot");
        assertThat(config.getKubernetes().getServerUrl()).isEqualTo("https://kubernetes.default.svc");
        assertThat(config.getKubernetes().getNamespace()).isEqualTo("argocd");
    }
}
