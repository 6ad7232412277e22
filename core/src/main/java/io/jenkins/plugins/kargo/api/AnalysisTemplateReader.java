package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jenkins.plugins.kargo.api.AnalysisTemplate.Argument;
import io.jenkins.plugins.kargo.api.AnalysisTemplate.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an Argo Rollouts AnalysisTemplate / ClusterAnalysisTemplate {@code spec}. */
final class AnalysisTemplateReader {

    private static final List<String> PROVIDERS = List.of("web", "prometheus", "job", "plugin");
    /** Argo Rollouts' providers that cannot work here, and why. */
    private static final Map<String, String> REFUSED_PROVIDERS = Map.of(
            "datadog", "it measures through Datadog's SaaS API",
            "newRelic", "it measures through New Relic's SaaS API",
            "wavefront", "it measures through Wavefront's SaaS API",
            "cloudWatch", "it measures through AWS CloudWatch",
            "kayenta", "it needs a Kayenta (Spinnaker) service",
            "skywalking", "it needs an Apache SkyWalking server",
            "influxdb", "it queries InfluxDB 2's Flux API, which Debian's influxdb (1.6) does not have, so it cannot be"
                    + " tested here",
            "graphite", "it needs a graphite-web server, which is not among the servers this product is tested"
                    + " against");
    /** A bare {@code result} compared with something: Argo Rollouts hands a Prometheus vector over as a list. */
    private static final Pattern BARE_RESULT_LEFT = Pattern.compile("(?<![\\w.'\"])result(\\s*(?:<=|>=|==|!=|<|>))");
    private static final Pattern BARE_RESULT_RIGHT =
            Pattern.compile("((?:<=|>=|==|!=|<|>)\\s*)result(?![\\w\\[.'\"])");
    private static final List<String> CONDITIONS = List.of("successCondition", "failureCondition");
    /** {@code {{ args.NAME }}}, the placeholders Argo Rollouts substitutes. */
    private static final Pattern ARG_REFERENCE = Pattern.compile("\\{\\{\\s*args\\.([A-Za-z0-9_.-]+?)\\s*}}");

    private AnalysisTemplateReader() {
    }

    static AnalysisTemplate read(ResourceKind kind, String project, String name, ConfigNode spec,
                                 SourceLocation location) {
        spec.allowOnly("args", "metrics", "dryRun", "measurementRetention");
        List<Argument> args = new ArrayList<>();
        Set<String> argNames = new HashSet<>();
        for (ConfigNode item : spec.get("args").items()) {
            if (!item.isMapping("- name: service-url")) {
                continue;
            }
            item.allowOnly("name", "value", "valueFrom");
            String argName = item.requiredText("name", "name the argument");
            if (!argName.isEmpty() && !argNames.add(argName)) {
                item.get("name").error("argument '" + argName + "' is declared twice", "remove one");
            }
            if (item.has("value") && item.has("valueFrom")) {
                item.error("argument '" + argName + "' has both value and valueFrom", "keep one of them");
            }
            args.add(new Argument(argName, Optional.ofNullable(item.text("value")), valueFrom(item.get("valueFrom"))));
        }
        List<Metric> metrics = new ArrayList<>();
        Set<String> metricNames = new HashSet<>();
        for (ConfigNode item : spec.get("metrics").items()) {
            Metric metric = metric(item);
            if (metric != null) {
                if (!metricNames.add(metric.name())) {
                    item.get("name").error("metric '" + metric.name() + "' is defined twice", "give each metric its own name");
                }
                metrics.add(metric);
            }
        }
        if (!spec.has("metrics")) {
            spec.error("missing required field 'metrics'", "add metrics: [{name: ..., provider: {...}}]");
        }
        checkArgReferences(spec.get("metrics"), argNames);
        Set<String> dryRun = matching(spec.get("dryRun").items(), metrics, "dryRun");
        Map<String, Integer> retention = new HashMap<>();
        for (ConfigNode rule : spec.get("measurementRetention").items()) {
            int limit = rule.integer("limit", 0, 1, 10_000);
            if (!rule.has("limit")) {
                rule.error("missing required field 'limit'", "add limit: <how many measurements to keep>");
            }
            for (String metric : matching(List.of(rule), metrics, "measurementRetention")) {
                retention.put(metric, limit);
            }
        }
        metrics = metrics.stream().map(m -> new Metric(m.name(), m.interval(), m.initialDelay(), m.count(),
                m.failureLimit(), m.inconclusiveLimit(), m.consecutiveErrorLimit(), m.successCondition(),
                m.failureCondition(), m.provider(), m.consecutiveSuccessLimit(), dryRun.contains(m.name()),
                retention.getOrDefault(m.name(), Metric.DEFAULT_MEASUREMENT_RETENTION), m.location())).toList();
        return new AnalysisTemplate(kind, project, name, args, metrics, location);
    }

    /**
     * The metrics named by {@code metricName} regular expressions (Argo Rollouts' {@code dryRun} and
     * {@code measurementRetention} rules, matched anywhere in the name); a rule that matches none is an error, as
     * in Argo Rollouts.
     */
    private static Set<String> matching(List<ConfigNode> rules, List<Metric> metrics, String field) {
        Set<String> names = new HashSet<>();
        for (ConfigNode rule : rules) {
            if (!rule.isMapping("- metricName: error-rate")) {
                continue;
            }
            rule.allowOnly(field.equals("dryRun") ? List.of("metricName") : List.of("metricName", "limit"));
            String pattern = rule.requiredText("metricName", "name the metric, or a regular expression (.* for all)");
            if (pattern.isEmpty() || !ConstraintChecks.regex(rule.get("metricName"), pattern)) {
                continue;
            }
            com.google.re2j.Pattern regex = com.google.re2j.Pattern.compile(pattern);
            List<String> matched = metrics.stream().map(Metric::name).filter(n -> regex.matcher(n).find()).toList();
            if (matched.isEmpty()) {
                rule.get("metricName").error(field + " rule '" + pattern + "' matches no metric of the template",
                        Spelling.suggest(pattern, metrics.stream().map(Metric::name).toList(), "the metrics are"));
            }
            names.addAll(matched);
        }
        return names;
    }

    private static Optional<AnalysisTemplate.ValueFrom> valueFrom(ConfigNode node) {
        if (!node.isMapping("valueFrom: {secretKeyRef: {name: my-secret, key: token}}")) {
            return Optional.empty();
        }
        if (node.has("podTemplateHashValue")) {
            node.get("podTemplateHashValue").error("podTemplateHashValue is given by Argo Rollouts only to runs a"
                            + " Rollout starts, not to a stage's verification",
                    "give the argument in the stage's verification args as {{ .Rollout.Status.CurrentPodHash }}"
                            + " (Latest) or {{ .Rollout.Status.StableRS }} (Stable)");
            return Optional.empty();
        }
        node.allowOnly("secretKeyRef", "fieldRef");
        String which = node.oneOf(Set.of("secretKeyRef", "fieldRef"), "valueFrom");
        if (which == null) {
            node.error("valueFrom names no source", "add secretKeyRef: {name: ..., key: ...} or fieldRef: {fieldPath: ...}");
            return Optional.empty();
        }
        ConfigNode source = node.get(which);
        if (!source.isMapping(which + ": {...}")) {
            return Optional.empty();
        }
        if (which.equals("secretKeyRef")) {
            source.allowOnly("name", "key");
            String fix = "write secretKeyRef: {name: <Secret of the project>, key: <key>}";
            return Optional.of(new AnalysisTemplate.SecretKeyRef(source.requiredText("name", fix),
                    source.requiredText("key", fix)));
        }
        source.allowOnly("fieldPath");
        return Optional.of(new AnalysisTemplate.FieldRef(source.requiredText("fieldPath",
                "write fieldRef: {fieldPath: metadata.labels['app']}")));
    }

    private static Metric metric(ConfigNode item) {
        if (!item.isMapping("- name: error-rate\n  provider: {prometheus: {...}}")) {
            return null;
        }
        item.allowOnly("name", "interval", "initialDelay", "count", "failureLimit", "inconclusiveLimit",
                "consecutiveErrorLimit", "consecutiveSuccessLimit", "successCondition", "failureCondition",
                "provider");
        String name = item.requiredText("name", "name the metric");
        Optional<Duration> interval = Optional.ofNullable(item.goDuration("interval", null));
        int count = item.integer("count", 0, 0, 10_000);
        if (count > 1 && interval.isEmpty()) {
            item.get("count").error("count is " + count + " but no interval is set", "add interval: 10s (time between measurements)");
        }
        ConfigNode provider = item.get("provider");
        String[] conditions = conditions(item, provider);
        MetricProvider metricProvider = provider(item, provider);
        if (metricProvider == null) {
            return null;
        }
        if (!conditions[2].isEmpty() && metricProvider instanceof MetricProvider.Web web) {
            metricProvider = web.asResponseObject();
        }
        if (metricProvider instanceof MetricProvider.Prometheus) {
            warnIfBareVectorResult(item, conditions);
        }
        int failureLimit = item.integer("failureLimit", 0, -1, Integer.MAX_VALUE);
        int consecutiveSuccessLimit = item.integer("consecutiveSuccessLimit", 0, 0, Integer.MAX_VALUE);
        if (failureLimit < 0 && consecutiveSuccessLimit == 0) {
            item.get("failureLimit").error("failureLimit -1 turns failures off, and no consecutiveSuccessLimit"
                    + " decides the metric instead", "add consecutiveSuccessLimit: <successes in a row>, or give"
                    + " failureLimit a number of failures to tolerate");
        }
        return new Metric(name, interval, item.goDuration("initialDelay", Duration.ZERO), count, failureLimit,
                item.integer("inconclusiveLimit", 0, 0, Integer.MAX_VALUE),
                item.integer("consecutiveErrorLimit", Metric.DEFAULT_CONSECUTIVE_ERROR_LIMIT, 0, Integer.MAX_VALUE),
                conditions[0], conditions[1], metricProvider, consecutiveSuccessLimit, false,
                Metric.DEFAULT_MEASUREMENT_RETENTION, item.location());
    }

    /**
     * The seed writes {@code result < 0.05} over a query that gives a one-element vector. Argo Rollouts hands a
     * vector to the condition as a list, so there the comparison is an Error; here a one-element vector compares as
     * its value, and the warning shows the portable form.
     */
    private static void warnIfBareVectorResult(ConfigNode metric, String[] conditions) {
        for (int i = 0; i < 2; i++) {
            String condition = conditions[i];
            String portable = BARE_RESULT_RIGHT.matcher(BARE_RESULT_LEFT.matcher(condition).replaceAll("result[0]$1"))
                    .replaceAll("$1result[0]");
            if (!portable.equals(condition)) {
                ConfigNode at = metric.has(CONDITIONS.get(i)) ? metric.get(CONDITIONS.get(i)) : metric;
                at.warning(WarningKind.PROMETHEUS_RESULT_AS_NUMBER, CONDITIONS.get(i) + " '" + condition.strip() + "' compares a Prometheus result as one number:"
                                + " Argo Rollouts gives a vector to the condition as a list and would end the"
                                + " measurement in Error (here a one-element vector compares as its value)",
                        "write " + CONDITIONS.get(i) + ": " + portable.strip());
            }
        }
    }

    /**
     * The metric's conditions. The seed writes {@code successCondition} inside {@code provider.web}, where Argo
     * Rollouts has no such field; it is read as the metric's, with a warning.
     */
    private static String[] conditions(ConfigNode metric, ConfigNode provider) {
        String[] values = {"", "", ""}; // success, failure, and "misplaced" when the seed's form was used
        for (int i = 0; i < 2; i++) {
            String field = CONDITIONS.get(i);
            values[i] = metric.text(field, "");
            ExpressionChecks.analysisCondition(metric.get(field), values[i]);
            for (String kind : PROVIDERS) {
                ConfigNode misplaced = provider.get(kind).get(field);
                if (!misplaced.present()) {
                    continue;
                }
                if (!values[i].isEmpty() && !values[i].equals(misplaced.text())) {
                    misplaced.error(field + " is set both on the metric and inside provider." + kind + ", differently",
                            "keep only the one on the metric");
                } else {
                    if (kind.equals("web")) {
                        misplaced.warning(WarningKind.CONDITION_IN_PROVIDER, field + " belongs to the metric, not to provider.web: read as the metric's,"
                                        + " over the whole response (statusCode, body, headers) as this form has"
                                        + " always been read here; in Argo Rollouts a web metric's result is the JSON"
                                        + " body and a non-2xx status is an Error measurement",
                                "move it level with 'provider:' and write it over the body (e.g. result.status =="
                                        + " 'ok'), or leave it out to accept any 2xx response (result.statusCode =="
                                        + " 200 then needs no condition)");
                    } else {
                        misplaced.warning(WarningKind.CONDITION_IN_PROVIDER, field + " belongs to the metric, not to provider." + kind
                                + ": read as the metric's", "move it out of provider, level with 'provider:'");
                    }
                    values[i] = misplaced.text();
                    ExpressionChecks.analysisCondition(misplaced, values[i]);
                    values[2] = "misplaced";
                }
            }
        }
        return values;
    }

    private static MetricProvider provider(ConfigNode metric, ConfigNode provider) {
        if (!provider.present()) {
            metric.error("missing required field 'provider'", "add provider: {web: {...}}, {prometheus: {...}}, "
                    + "{job: {...}} or {plugin: {...}}");
            return null;
        }
        if (!provider.isMapping("provider:\n    web: {url: ...}")) {
            return null;
        }
        for (String refused : provider.fieldNames()) {
            if (REFUSED_PROVIDERS.containsKey(refused)) {
                provider.get(refused).error("the " + refused + " metric provider cannot run here: "
                        + REFUSED_PROVIDERS.get(refused), "measure with a web, prometheus or job metric");
                return null;
            }
        }
        provider.allowOnly(PROVIDERS);
        List<String> kinds = provider.fieldNames().stream().filter(PROVIDERS::contains).toList();
        if (kinds.size() != 1) {
            provider.error("a metric needs exactly one provider, found " + (kinds.isEmpty() ? "none" : String.join(", ", kinds)),
                    "keep one of " + String.join(", ", PROVIDERS));
            return null;
        }
        ConfigNode spec = provider.get(kinds.get(0));
        if (!spec.isMapping(kinds.get(0) + ": {...}")) {
            return null;
        }
        return switch (kinds.get(0)) {
            case "web" -> web(spec);
            case "prometheus" -> prometheus(spec);
            case "job" -> job(spec);
            default -> plugin(spec);
        };
    }

    private static MetricProvider.Web web(ConfigNode web) {
        web.allowOnly("url", "method", "headers", "body", "timeoutSeconds", "jsonPath", "insecure", "jsonBody",
                "authentication", "successCondition", "failureCondition");
        String url = web.requiredText("url", "give the URL to call, e.g. url: \"{{ args.service-url }}/health\"");
        String method = web.text("method", "GET");
        List<String> methods = List.of("GET", "POST", "PUT");
        if (!methods.contains(method)) {
            web.get("method").error("method '" + method + "' is not supported", Spelling.suggest(method, methods, "use one of"));
        }
        web.oneOf(Set.of("body", "jsonBody"), "the web metric");
        String body = web.has("jsonBody") ? web.get("jsonBody").json().toString() : web.text("body", "");
        if (!body.isEmpty() && method.equals("GET")) {
            web.get(web.has("jsonBody") ? "jsonBody" : "body").error("a GET request has no body (Argo Rollouts"
                    + " refuses it)", "add method: POST (or PUT), or remove the body");
        }
        ConfigNode authentication = web.get("authentication");
        Optional<MetricProvider.OAuth2> oauth2 = Optional.empty();
        if (authentication.isMapping("authentication: {oauth2: {tokenUrl: ..., clientId: ..., clientSecret: ...}}")) {
            authentication.allowOnly("oauth2");
            oauth2 = oauth2(authentication.get("oauth2"));
        }
        if (MetricProvider.Web.hasRegexFilter(web.text("jsonPath", ""))) {
            web.get("jsonPath").error("a regular-expression filter (=~) in jsonPath is not supported: Argo Rollouts"
                    + " reads jsonPath as Kubernetes JSONPath, which has none", "select with ==, <, > in the filter,"
                    + " or match in the successCondition, e.g. result matches '^v1\\.'");
        }
        return new MetricProvider.Web(url, method, headers(web), body, web.has("jsonBody"),
                web.integer("timeoutSeconds", 0, 0, 3600), web.text("jsonPath", ""), web.bool("insecure", false),
                oauth2, false);
    }

    private static List<MetricProvider.Header> headers(ConfigNode provider) {
        List<MetricProvider.Header> headers = new ArrayList<>();
        for (ConfigNode header : provider.get("headers").items()) {
            if (header.isMapping("- key: Authorization\n  value: ...")) {
                header.allowOnly("key", "value");
                headers.add(new MetricProvider.Header(header.requiredText("key", "name the header"),
                        header.text("value", "")));
            }
        }
        return headers;
    }

    private static Optional<MetricProvider.OAuth2> oauth2(ConfigNode oauth2) {
        if (!oauth2.isMapping("oauth2: {tokenUrl: https://..., clientId: ..., clientSecret: ...}")) {
            return Optional.empty();
        }
        oauth2.allowOnly("tokenUrl", "clientId", "clientSecret", "scopes");
        String fix = "give tokenUrl, clientId and clientSecret (e.g. clientSecret: \"{{ args.client-secret }}\" with"
                + " the argument's valueFrom.secretKeyRef)";
        return Optional.of(new MetricProvider.OAuth2(oauth2.requiredText("tokenUrl", fix),
                oauth2.requiredText("clientId", fix), oauth2.requiredText("clientSecret", fix),
                oauth2.texts("scopes")));
    }

    private static MetricProvider.Prometheus prometheus(ConfigNode prometheus) {
        prometheus.allowOnly("address", "query", "timeout", "insecure", "headers", "authentication", "rangeQuery");
        ConfigNode authentication = prometheus.get("authentication");
        Optional<MetricProvider.BasicAuth> basicAuth = Optional.empty();
        Optional<MetricProvider.OAuth2> oauth2 = Optional.empty();
        if (authentication.isMapping("authentication: {basicAuth: {username: ..., password: ...}}")) {
            authentication.allowOnly("basicAuth", "oauth2", "sigv4");
            if (authentication.has("sigv4")) {
                authentication.get("sigv4").error("SigV4 signing (Amazon Managed Prometheus) is not supported here",
                        "use basicAuth or oauth2, or a Prometheus this machine reaches without AWS signing");
            }
            ConfigNode basic = authentication.get("basicAuth");
            if (basic.isMapping("basicAuth: {username: ..., password: ...}")) {
                basic.allowOnly("username", "password");
                String fix = "give username and password (e.g. password: \"{{ args.prometheus-password }}\")";
                basicAuth = Optional.of(new MetricProvider.BasicAuth(basic.requiredText("username", fix),
                        basic.requiredText("password", fix)));
            }
            oauth2 = oauth2(authentication.get("oauth2"));
        }
        Optional<MetricProvider.RangeQuery> range = Optional.empty();
        ConfigNode rangeQuery = prometheus.get("rangeQuery");
        if (rangeQuery.isMapping("rangeQuery: {start: 'now() - duration(\"1h\")', end: 'now()', step: 1m}")) {
            rangeQuery.allowOnly("start", "end", "step");
            String fix = "write e.g. start: 'now() - duration(\"1h\")', end: 'now()', step: 1m";
            Duration step = rangeQuery.goDuration("step", null);
            if (step == null || step.isZero()) {
                rangeQuery.error("a range query needs a positive step", fix);
            }
            range = Optional.of(new MetricProvider.RangeQuery(rangeQuery.requiredText("start", fix),
                    rangeQuery.requiredText("end", fix), step == null ? Duration.ofMinutes(1) : step));
        }
        int timeout = prometheus.integer("timeout", (int) MetricProvider.Prometheus.DEFAULT_TIMEOUT.toSeconds(), 1,
                3600);
        return new MetricProvider.Prometheus(
                prometheus.requiredText("address", "give the Prometheus URL, e.g. address: http://prometheus:9090"),
                prometheus.requiredText("query", "give the PromQL query"), Duration.ofSeconds(timeout),
                prometheus.bool("insecure", false), headers(prometheus), basicAuth, oauth2, range);
    }

    private static MetricProvider.Job job(ConfigNode job) {
        job.allowOnly("metadata", "spec");
        ConfigNode spec = job.get("spec");
        if (!spec.present()) {
            job.error("missing required field 'spec'", "add spec: with the Kubernetes Job's spec (template: ...)");
        } else if (spec.isMapping("spec:\n  template: {...}") && !spec.has("template")) {
            spec.error("the Job spec has no 'template'", "add template: {spec: {containers: [...], restartPolicy: Never}}");
        }
        JsonNode empty = JsonNodeFactory.instance.objectNode();
        return new MetricProvider.Job(job.get("metadata").json().isObject() ? job.get("metadata").json() : empty,
                spec.json().isObject() ? spec.json() : empty);
    }

    private static MetricProvider.Plugin plugin(ConfigNode plugin) {
        List<String> names = plugin.fieldNames();
        if (names.size() != 1) {
            plugin.error("a plugin metric names exactly one plugin, found " + names.size(),
                    "write plugin: {" + MetricProvider.Plugin.APPROVAL + ": {...}}");
            return null;
        }
        ConfigNode config = plugin.get(names.get(0));
        if (!names.get(0).equals(MetricProvider.Plugin.APPROVAL)) {
            config.error("metric plugin " + names.get(0) + " is not available here", "use a web, prometheus or job "
                    + "provider, or the " + MetricProvider.Plugin.APPROVAL + " plugin for a person's decision");
            return null;
        }
        if (config.isMapping(MetricProvider.Plugin.APPROVAL + ": {message: ..., timeout: 72h}")) {
            config.allowOnly("message", "timeout");
            config.goDuration("timeout", null);
        }
        return new MetricProvider.Plugin(names.get(0),
                config.json().isObject() ? config.json() : JsonNodeFactory.instance.objectNode());
    }

    /** Every {@code {{ args.X }}} in the metrics must name a declared argument, or Argo would fail at run time. */
    private static void checkArgReferences(ConfigNode node, Set<String> declared) {
        JsonNode json = node.json();
        if (json.isTextual()) {
            Matcher m = ARG_REFERENCE.matcher(json.textValue());
            while (m.find()) {
                if (!declared.contains(m.group(1))) {
                    node.error("'{{ args." + m.group(1) + " }}' refers to an argument the template does not declare",
                            "add - name: " + m.group(1) + " under spec.args, or correct the name ("
                                    + Spelling.suggest(m.group(1), declared, "declared:") + ")");
                }
            }
        } else if (json.isArray()) {
            node.items().forEach(item -> checkArgReferences(item, declared));
        } else if (json.isObject()) {
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                checkArgReferences(node.get(names.next()), declared);
            }
        }
    }
}
