package io.jenkins.plugins.kargo.api;

import static io.jenkins.plugins.kargo.api.ConfigFixture.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argo Rollouts' analysis fields as a template writes them, and what is refused at apply. */
class AnalysisTemplateFieldsTest {

    @TempDir
    Path dir;

    private static String template(String spec) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: checks, namespace: shop}
                spec:
                """ + spec.indent(2);
    }

    private KargoConfig load(String spec) throws ConfigException {
        return new ConfigFixture(dir).withBase().with("checks.yaml", template(spec)).load();
    }

    private ConfigProblem error(String spec) {
        return new ConfigFixture(dir).withBase().with("checks.yaml", template(spec)).error();
    }

    private static AnalysisTemplate.Metric only(KargoConfig config) {
        return config.analysisTemplates("shop").get(0).metrics().get(0);
    }

    @Test
    void webAndPrometheusOptionsAsArgoRolloutsHasThem() throws ConfigException {
        KargoConfig config = load("""
                args: [{name: secret, valueFrom: {secretKeyRef: {name: oauth, key: client-secret}}}]
                metrics:
                  - name: api
                    provider:
                      web:
                        url: https://api.example.com/check
                        method: POST
                        jsonBody: {service: shop}
                        jsonPath: "{$.ok}"
                        authentication:
                          oauth2: {tokenUrl: https://sso.example.com/token, clientId: analysis,
                                   clientSecret: "{{ args.secret }}", scopes: [metrics]}
                  - name: errors
                    provider:
                      prometheus:
                        address: https://prometheus.example.com
                        query: sum(rate(errors[5m]))
                        timeout: 12
                        insecure: true
                        headers: [{key: X-Scope-OrgID, value: shop}]
                        authentication: {basicAuth: {username: reader, password: "{{ args.secret }}"}}
                        rangeQuery: {start: 'now() - duration("1h")', end: 'now()', step: 5m}
                """);
        List<AnalysisTemplate.Metric> metrics = config.analysisTemplates("shop").get(0).metrics();
        MetricProvider.Web web = (MetricProvider.Web) metrics.get(0).provider();
        assertThat(web.jsonBody()).isTrue();
        assertThat(web.body()).isEqualTo("{\"service\":\"shop\"}");
        assertThat(web.responseObject()).isFalse();
        assertThat(web.oauth2()).contains(new MetricProvider.OAuth2("https://sso.example.com/token", "analysis",
                "{{ args.secret }}", List.of("metrics")));
        MetricProvider.Prometheus prometheus = (MetricProvider.Prometheus) metrics.get(1).provider();
        assertThat(prometheus.timeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(prometheus.insecure()).isTrue();
        assertThat(prometheus.headers()).extracting(MetricProvider.Header::key).containsExactly("X-Scope-OrgID");
        assertThat(prometheus.basicAuth()).map(MetricProvider.BasicAuth::username).contains("reader");
        assertThat(prometheus.rangeQuery()).contains(new MetricProvider.RangeQuery("now() - duration(\"1h\")",
                "now()", Duration.ofMinutes(5)));
        assertThat(config.analysisTemplates("shop").get(0).args().get(0).valueFrom())
                .contains(new AnalysisTemplate.SecretKeyRef("oauth", "client-secret"));
        assertThat(web.oauth2().toString() + prometheus.basicAuth()).doesNotContain("{{ args.secret }}");
    }

    @Test
    void metricLimitsDryRunAndRetention() throws ConfigException {
        KargoConfig config = load("""
                dryRun: [{metricName: "^shadow"}]
                measurementRetention: [{metricName: ".*", limit: 3}]
                metrics:
                  - name: shadow-errors
                    interval: 1m
                    failureLimit: -1
                    consecutiveSuccessLimit: 3
                    provider: {prometheus: {address: http://p, query: "1"}}
                  - name: errors
                    provider: {prometheus: {address: http://p, query: "1"}}
                """);
        List<AnalysisTemplate.Metric> metrics = config.analysisTemplates("shop").get(0).metrics();
        assertThat(metrics).extracting(AnalysisTemplate.Metric::dryRun).containsExactly(true, false);
        assertThat(metrics).extracting(AnalysisTemplate.Metric::measurementRetention).containsExactly(3, 3);
        assertThat(metrics.get(0).failureLimit()).isEqualTo(-1);
        assertThat(metrics.get(0).consecutiveSuccessLimit()).isEqualTo(3);
    }

    @Test
    void refusedAtApplyWithTheReason() {
        assertThat(error("""
                metrics:
                  - name: dd
                    provider: {datadog: {query: avg:errors}}
                """).message()).isEqualTo("the datadog metric provider cannot run here: it measures through Datadog's"
                + " SaaS API");
        assertThat(error("""
                metrics:
                  - name: x
                    failureLimit: -1
                    provider: {prometheus: {address: http://p, query: "1"}}
                """).message()).startsWith("failureLimit -1 turns failures off");
        assertThat(error("""
                dryRun: [{metricName: shadow}]
                metrics:
                  - name: errors
                    provider: {prometheus: {address: http://p, query: "1"}}
                """).message()).isEqualTo("dryRun rule 'shadow' matches no metric of the template");
        assertThat(error("""
                metrics:
                  - name: errors
                    provider: {web: {url: http://x, body: hello}}
                """).message()).startsWith("a GET request has no body");
        assertThat(error("""
                metrics:
                  - name: errors
                    provider: {prometheus: {address: http://p, query: "1", authentication: {sigv4: {region: eu}}}}
                """).message()).startsWith("SigV4 signing (Amazon Managed Prometheus) is not supported here");
        String hash = """
                args: [{name: hash, valueFrom: {podTemplateHashValue: Latest}}]
                metrics:
                  - name: errors
                    provider: {prometheus: {address: http://p, query: "{{ args.hash }}"}}
                """;
        ConfigProblem podHash = error(hash);
        assertThat(podHash.fix()).contains("{{ .Rollout.Status.CurrentPodHash }}");
        assertThat(podHash.location().line()).isEqualTo(lineOf(template(hash), "podTemplateHashValue"));
    }

    @Test
    void theSeedsBareVectorComparisonIsAWarningWithThePortableForm() throws ConfigException {
        KargoConfig config = load("""
                metrics:
                  - name: errors
                    successCondition: result < 0.05 && len(result) == 1
                    failureCondition: 0.5 <= result || result[0] > 0.9
                    provider: {prometheus: {address: http://p, query: "1"}}
                """);
        assertThat(config.warnings()).extracting(ConfigProblem::fix).containsExactly(
                "write successCondition: result[0] < 0.05 && len(result) == 1",
                "write failureCondition: 0.5 <= result[0] || result[0] > 0.9");
        assertThat(only(config).successCondition()).isEqualTo("result < 0.05 && len(result) == 1");
        assertThat(only(config).provider()).isInstanceOf(MetricProvider.Prometheus.class);
        assertThat(((MetricProvider.Prometheus) only(config).provider()).rangeQuery()).isEqualTo(Optional.empty());
    }
}
