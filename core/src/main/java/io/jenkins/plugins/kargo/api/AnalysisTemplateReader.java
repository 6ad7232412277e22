package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jenkins.plugins.kargo.api.AnalysisTemplate.Argument;
import io.jenkins.plugins.kargo.api.AnalysisTemplate.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an Argo Rollouts AnalysisTemplate / ClusterAnalysisTemplate {@code spec}. */
final class AnalysisTemplateReader {

    private static final List<String> PROVIDERS = List.of("web", "prometheus", "job", "plugin");
    private static final List<String> CONDITIONS = List.of("successCondition", "failureCondition");
    /** {@code {{ args.NAME }}}, the placeholders Argo Rollouts substitutes. */
    private static final Pattern ARG_REFERENCE = Pattern.compile("\\{\\{\\s*args\\.([A-Za-z0-9_.-]+?)\\s*}}");

    private AnalysisTemplateReader() {
    }

    static AnalysisTemplate read(ResourceKind kind, String project, String name, ConfigNode spec,
                                 SourceLocation location) {
        spec.allowOnly("args", "metrics", "dryRun", "measurementRetention");
        spec.ignoreUnsupported("dryRun", "measurementRetention");
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
            args.add(new Argument(argName, Optional.ofNullable(item.text("value")),
                    item.has("valueFrom") ? Optional.of(item.get("valueFrom").json()) : Optional.empty()));
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
        return new AnalysisTemplate(kind, project, name, args, metrics, location);
    }

    private static Metric metric(ConfigNode item) {
        if (!item.isMapping("- name: error-rate\n  provider: {prometheus: {...}}")) {
            return null;
        }
        item.allowOnly("name", "interval", "initialDelay", "count", "failureLimit", "inconclusiveLimit",
                "consecutiveErrorLimit", "successCondition", "failureCondition", "provider");
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
        return new Metric(name, interval, item.goDuration("initialDelay", Duration.ZERO), count,
                item.integer("failureLimit", 0, 0, Integer.MAX_VALUE),
                item.integer("inconclusiveLimit", 0, 0, Integer.MAX_VALUE),
                item.integer("consecutiveErrorLimit", Metric.DEFAULT_CONSECUTIVE_ERROR_LIMIT, 0, Integer.MAX_VALUE),
                conditions[0], conditions[1], metricProvider, item.location());
    }

    /**
     * The metric's conditions. The seed writes {@code successCondition} inside {@code provider.web}, where Argo
     * Rollouts has no such field; it is read as the metric's, with a warning.
     */
    private static String[] conditions(ConfigNode metric, ConfigNode provider) {
        String[] values = new String[2];
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
                    misplaced.warning(field + " belongs to the metric, not to provider." + kind + ": read as the metric's",
                            "move it out of provider, level with 'provider:' and 'count:'");
                    values[i] = misplaced.text();
                    ExpressionChecks.analysisCondition(misplaced, values[i]);
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
                "successCondition", "failureCondition");
        String url = web.requiredText("url", "give the URL to call, e.g. url: \"{{ args.service-url }}/health\"");
        String method = web.text("method", "GET");
        List<String> methods = List.of("GET", "POST", "PUT");
        if (!methods.contains(method)) {
            web.get("method").error("method '" + method + "' is not supported", Spelling.suggest(method, methods, "use one of"));
        }
        List<MetricProvider.Header> headers = new ArrayList<>();
        for (ConfigNode header : web.get("headers").items()) {
            if (header.isMapping("- key: Authorization\n  value: ...")) {
                header.allowOnly("key", "value");
                headers.add(new MetricProvider.Header(header.requiredText("key", "name the header"),
                        header.text("value", "")));
            }
        }
        web.oneOf(Set.of("body", "jsonBody"), "the web metric");
        String body = web.has("jsonBody") ? web.get("jsonBody").json().toString() : web.text("body", "");
        if (MetricProvider.Web.hasRegexFilter(web.text("jsonPath", ""))) {
            web.get("jsonPath").error("a regular-expression filter (=~) in jsonPath is not supported: Argo Rollouts"
                    + " reads jsonPath as Kubernetes JSONPath, which has none", "select with ==, <, > in the filter,"
                    + " or match in the successCondition, e.g. result matches '^v1\\.'");
        }
        return new MetricProvider.Web(url, method, headers, body, web.integer("timeoutSeconds", 0, 0, 3600),
                web.text("jsonPath", ""), web.bool("insecure", false));
    }

    private static MetricProvider.Prometheus prometheus(ConfigNode prometheus) {
        prometheus.allowOnly("address", "query");
        return new MetricProvider.Prometheus(
                prometheus.requiredText("address", "give the Prometheus URL, e.g. address: http://prometheus:9090"),
                prometheus.requiredText("query", "give the PromQL query"));
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
