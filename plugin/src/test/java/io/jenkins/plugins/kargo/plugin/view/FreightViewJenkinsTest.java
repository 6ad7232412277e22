package io.jenkins.plugins.kargo.plugin.view;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The top-level Freight view under Jenkins' own security (the real build only): a POST needs the crumb and the
 * Kargo/Promote permission; a read needs Overall/Read.
 */
@WithJenkins
class FreightViewJenkinsTest {

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, KargoPermissions.PROMOTE).everywhere().to("promoter"));
    }

    private WebResponse post(String user, boolean crumb) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        URL url = crumb ? wc.createCrumbedUrl("kargo/api/jenkins/gates/Kargo-x-y/approve")
                : new URL(j.getURL(), "kargo/api/jenkins/gates/Kargo-x-y/approve");
        return wc.getPage(new WebRequest(url, HttpMethod.POST)).getWebResponse();
    }

    @Test
    void writesNeedTheCrumbAndThePromotePermission() throws Exception {
        assertThat(post("promoter", false).getStatusCode()).as("no crumb").isEqualTo(403);
        assertThat(post("reader", true).getStatusCode()).as("no Kargo/Promote").isEqualTo(403);
        assertThat(post("promoter", true).getStatusCode()).as("allowed, and nothing waits there").isEqualTo(404);
    }

    @Test
    void readsNeedOverallRead() throws Exception {
        JenkinsRule.WebClient anonymous = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        assertThat(anonymous.goTo("kargo/api/projects", "application/json").getWebResponse().getStatusCode())
                .isEqualTo(403);
        JenkinsRule.WebClient reader = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        reader.login("reader");
        assertThat(reader.goTo("kargo/api/projects", "application/json").getWebResponse().getStatusCode())
                .isEqualTo(404);
    }
}
