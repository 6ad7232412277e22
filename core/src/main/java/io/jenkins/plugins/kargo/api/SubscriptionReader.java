package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code spec.subscriptions[]} entries. Both generations of Kargo's field names are mapped onto the same
 * {@link Subscription} records; a deprecated spelling gives a warning naming the current field.
 */
final class SubscriptionReader {

    static final List<String> TYPES = List.of("image", "chart", "git", "npm");

    private static final java.util.regex.Pattern IMAGE_REPO = java.util.regex.Pattern.compile(
            "^(\\w+([.-]\\w+)*(:\\d+)?/)?(\\w+([.-]\\w+)*)(/\\w+([.-]\\w+)*)*$");
    private static final java.util.regex.Pattern CHART_REPO = java.util.regex.Pattern.compile(
            "^(((https?)|(oci))://)(([\\w.\\-]+)(:(\\d+)?)?(/.*)*)$");
    private static final java.util.regex.Pattern HTTP_URL = java.util.regex.Pattern.compile(
            "^https?://[\\w.\\-]+(:\\d+)?(/.*)?$");
    private static final java.util.regex.Pattern PLATFORM = java.util.regex.Pattern.compile(
            "^\\w+/\\w+(/\\w+)?$");
    // npm's rules for package names (validate-npm-package-name): lower case, URL-safe, optional @scope/
    private static final java.util.regex.Pattern NPM_PACKAGE = java.util.regex.Pattern.compile(
            "^(@[a-z0-9-~][a-z0-9-._~]*/)?[a-z0-9-~][a-z0-9-._~]*$");
    private static final java.util.regex.Pattern GIT_URL = java.util.regex.Pattern.compile(
            "(?:^(ssh|https?|git)://(?:([\\w-]+)(:(.+))?@)?([\\w-]+(?:\\.[\\w-]+)*)(?::(\\d{1,5}))?(/.*)$)"
                    + "|(?:^([\\w-]+)@([\\w+]+(?:\\.[\\w-]+)*):(/?.*))");
    private static final java.util.regex.Pattern GIT_BRANCH = java.util.regex.Pattern.compile(
            "^[a-zA-Z0-9]([a-zA-Z0-9._/-]*[a-zA-Z0-9_-])?$");

    private SubscriptionReader() {
    }

    /** The subscription of one entry, or null if it is too broken to read (the problems are reported). */
    static Subscription read(ConfigNode entry) {
        if (!entry.isMapping("- image:\n      repoURL: registry.example.com/team/app")) {
            return null;
        }
        List<String> types = entry.fieldNames().stream().filter(k -> !k.equals("name")).toList();
        if (types.size() != 1) {
            entry.error("a subscription needs exactly one of " + String.join(", ", TYPES)
                            + " (besides an optional name), found " + (types.isEmpty() ? "none" : String.join(", ", types)),
                    "give each artifact its own '- image:' (or chart:, git:, npm:) entry");
            return null;
        }
        String name = entry.text("name", "");
        String type = types.get(0);
        ConfigNode spec = entry.get(type);
        if (!TYPES.contains(type)) {
            spec.error("unknown subscription type '" + type + "'", Spelling.suggest(type, TYPES, "use one of"));
            return null;
        }
        if (!spec.isMapping(type + ":\n      repoURL: ...")) {
            return null;
        }
        return switch (type) {
            case "image" -> image(spec, name);
            case "chart" -> chart(spec, name);
            case "npm" -> npm(spec, name);
            default -> git(spec, name);
        };
    }

    private static ImageSubscription image(ConfigNode spec, String name) {
        spec.allowOnly("repoURL", "imageSelectionStrategy", "strictSemvers", "constraint", "semverConstraint",
                "allowTags", "allowTagsRegexes", "ignoreTags", "ignoreTagsRegexes", "platform", "insecureSkipTLSVerify",
                "discoveryLimit", "cacheByTag");
        String repoURL = spec.requiredText("repoURL", "name the image repository without a tag, "
                + "e.g. repoURL: harbor.example.com/services/user-service");
        if (!repoURL.isEmpty() && !IMAGE_REPO.matcher(repoURL).matches()) {
            spec.get("repoURL").error("'" + repoURL + "' is not an image repository reference",
                    "write host[:port]/path without a scheme or tag, e.g. harbor.example.com/services/user-service");
        }
        ImageSelectionStrategy strategy = spec.enumValue("imageSelectionStrategy", ImageSelectionStrategy.class,
                ImageSelectionStrategy.SemVer);
        String constraint = imageConstraint(spec);
        if (strategy == ImageSelectionStrategy.Digest && constraint.isEmpty()) {
            spec.error("imageSelectionStrategy Digest needs the tag to track in 'constraint'",
                    "add constraint: latest (or the mutable tag to follow)");
        } else if (strategy == ImageSelectionStrategy.SemVer && !constraint.isEmpty()) {
            ConstraintChecks.semverRange(constraintNode(spec), constraint);
        }
        String platform = spec.text("platform", "");
        if (!platform.isEmpty() && !PLATFORM.matcher(platform).matches()) {
            spec.get("platform").error("'" + platform + "' is not a platform",
                    "write os/arch or os/arch/variant, e.g. linux/amd64 or linux/arm64/v8");
        }
        return new ImageSubscription(repoURL, strategy, constraint, spec.bool("strictSemvers", true),
                allowRegexes(spec), ignoreRegexes(spec), platform, discoveryLimit(spec),
                spec.bool("insecureSkipTLSVerify", false), spec.bool("cacheByTag", false), name, spec.location());
    }

    private static Subscription chart(ConfigNode spec, String name) {
        spec.allowOnly("repoURL", "name", "semverConstraint", "discoveryLimit", "insecureSkipTLSVerify");
        String repoURL = spec.requiredText("repoURL", "give the chart repository, e.g. https://charts.example.com "
                + "or oci://registry.example.com/charts/app");
        String chartName = spec.text("name", "");
        if (chartName.startsWith("@")) {
            return chartWrittenForNpm(spec, name, repoURL, chartName);
        }
        if (!repoURL.isEmpty() && !CHART_REPO.matcher(repoURL).matches()) {
            spec.get("repoURL").error("'" + repoURL + "' is not a chart repository URL",
                    "start it with https://, http:// or oci://");
        } else if (repoURL.startsWith("oci://") && !chartName.isEmpty()) {
            spec.get("name").error("an oci:// repository is one chart, so 'name' must be empty",
                    "remove name, or put the chart in the URL: oci://host/path/" + chartName);
        } else if (!repoURL.isEmpty() && !repoURL.startsWith("oci://") && chartName.isEmpty()) {
            spec.error("missing required field 'name' (a classic chart repository holds many charts)",
                    "add name: <chart name>");
        }
        String constraint = spec.text("semverConstraint", "");
        if (!constraint.isEmpty()) {
            ConstraintChecks.semverRange(spec.get("semverConstraint"), constraint);
        }
        return new ChartSubscription(repoURL, chartName, constraint, discoveryLimit(spec),
                spec.bool("insecureSkipTLSVerify", false), name, spec.location());
    }

    /** The seed's {@code chart:} entries name {@code @scope/name} npm packages, which no Helm chart can be named. */
    private static NpmSubscription chartWrittenForNpm(ConfigNode spec, String name, String repoURL, String pkg) {
        String constraint = spec.text("semverConstraint", "");
        spec.warning(WarningKind.CHART_NAMED_AS_NPM, "chart '" + pkg + "' is a scoped npm package name, which no Helm chart can have: read as an npm package",
                "write it as  npm: {repoURL: " + repoURL + ", package: \"" + pkg + "\""
                        + (constraint.isEmpty() ? "" : ", constraint: \"" + constraint + "\"") + "}");
        return npm(spec, name, repoURL, pkg, spec.get("name"), true);
    }

    private static NpmSubscription npm(ConfigNode spec, String name) {
        spec.allowOnly("repoURL", "package", "constraint", "semverConstraint", "discoveryLimit",
                "insecureSkipTLSVerify");
        String repoURL = spec.requiredText("repoURL", "give the npm registry, e.g. repoURL: https://registry.npmjs.org");
        String pkg = spec.requiredText("package", "name the package, e.g. package: \"@yourorg/utils\"");
        return npm(spec, name, repoURL, pkg, spec.get("package"), false);
    }

    private static NpmSubscription npm(ConfigNode spec, String name, String repoURL, String pkg, ConfigNode pkgNode,
                                       boolean declaredAsChart) {
        if (!repoURL.isEmpty() && !HTTP_URL.matcher(repoURL).matches()) {
            spec.get("repoURL").error("'" + repoURL + "' is not an npm registry URL",
                    "write the registry's base URL, e.g. https://verdaccio.example.com");
        }
        if (!pkg.isEmpty() && (pkg.length() > 214 || !NPM_PACKAGE.matcher(pkg).matches())) {
            pkgNode.error("'" + pkg + "' is not a valid npm package name",
                    "use lower case letters, digits, '-', '.', '_' and an optional @scope/, e.g. @yourorg/utils");
        }
        String constraint = declaredAsChart ? spec.text("semverConstraint", "") : npmConstraint(spec);
        if (!constraint.isEmpty()) {
            ConstraintChecks.semverRange(constraintNode(spec), constraint);
        }
        return new NpmSubscription(repoURL, pkg, constraint, discoveryLimit(spec),
                spec.bool("insecureSkipTLSVerify", false), declaredAsChart, name, spec.location());
    }

    /** npm takes {@code constraint}, and {@code semverConstraint} as charts spell it, without a warning. */
    private static String npmConstraint(ConfigNode spec) {
        if (spec.has("constraint") && spec.has("semverConstraint")) {
            spec.get("semverConstraint").error("both 'constraint' and 'semverConstraint' are set",
                    "keep only constraint");
        }
        return spec.text("constraint", spec.text("semverConstraint", ""));
    }

    private static GitSubscription git(ConfigNode spec, String name) {
        spec.allowOnly("repoURL", "commitSelectionStrategy", "branch", "strictSemvers", "semverConstraint",
                "allowTags", "allowTagsRegexes", "ignoreTags", "ignoreTagsRegexes", "expressionFilter",
                "insecureSkipTLSVerify", "blobless", "includePaths", "excludePaths", "discoveryLimit", "since");
        String repoURL = spec.requiredText("repoURL", "give the repository URL, e.g. https://github.com/org/repo.git");
        if (!repoURL.isEmpty()) {
            gitRepoURL(spec.get("repoURL"), repoURL);
        }
        CommitSelectionStrategy strategy = spec.enumValue("commitSelectionStrategy", CommitSelectionStrategy.class,
                CommitSelectionStrategy.NewestFromBranch);
        String branch = spec.text("branch", "");
        if (!branch.isEmpty() && !GIT_BRANCH.matcher(branch).matches()) {
            spec.get("branch").error("'" + branch + "' is not a valid branch name", "write the branch's name, e.g. main");
        }
        String constraint = spec.text("semverConstraint", "");
        if (!constraint.isEmpty()) {
            ConstraintChecks.semverRange(spec.get("semverConstraint"), constraint);
        }
        spec.ignoreUnsupported("expressionFilter", "since", "blobless");
        return new GitSubscription(repoURL, strategy, branch, constraint, spec.bool("strictSemvers", true),
                allowRegexes(spec), ignoreRegexes(spec), pathFilters(spec, "includePaths"),
                pathFilters(spec, "excludePaths"), discoveryLimit(spec), spec.bool("insecureSkipTLSVerify", false),
                name, spec.location());
    }

    /** Kargo's git URL pattern ({@code pkg/subscription/git.go}), plus {@code git://} for a git daemon. */
    private static void gitRepoURL(ConfigNode node, String repoURL) {
        if (!GIT_URL.matcher(repoURL).matches()) {
            node.error("'" + repoURL + "' is not a git repository URL",
                    "write https://host/path/repo.git (http:// and git:// only for a server on this machine)");
        } else if (repoURL.startsWith("ssh://") || !repoURL.contains("://")) {
            node.warning(WarningKind.SSH_REPO_URL, "SSH repository URLs are deprecated (Kargo removes them in v1.13) and are not used for"
                    + " discovery here", "use the https:// URL of the repository with a git token");
        }
    }

    private static List<String> pathFilters(ConfigNode spec, String field) {
        List<String> filters = new ArrayList<>();
        for (ConfigNode item : spec.get(field).items()) {
            String filter = item.text();
            if (filter == null) {
                continue;
            }
            if (filter.startsWith("regex:") || filter.startsWith("regexp:")) {
                ConstraintChecks.regex(item, filter.substring(filter.indexOf(':') + 1));
            } else if (filter.startsWith("glob:")) {
                try {
                    java.nio.file.FileSystems.getDefault().getPathMatcher(filter);
                } catch (IllegalArgumentException e) {
                    item.error("'" + filter + "' is not a valid glob: " + e.getMessage(),
                            "use * within a directory, ** across directories, ? [abc] and {a,b}, e.g. glob:charts/**/*.yaml");
                }
            }
            filters.add(filter);
        }
        return filters;
    }

    /** {@code constraint}, or the deprecated {@code semverConstraint} with a warning; both set is an error. */
    private static String imageConstraint(ConfigNode spec) {
        if (spec.has("semverConstraint")) {
            if (spec.has("constraint")) {
                spec.get("semverConstraint").error("both 'constraint' and the deprecated 'semverConstraint' are set",
                        "keep only constraint");
                return spec.text("constraint");
            }
            spec.get("semverConstraint").warning(WarningKind.SEMVER_CONSTRAINT, "'semverConstraint' is deprecated (removed in Kargo v1.9)",
                    "rename it to constraint");
            return spec.text("semverConstraint");
        }
        return spec.text("constraint", "");
    }

    private static ConfigNode constraintNode(ConfigNode spec) {
        return spec.has("constraint") ? spec.get("constraint") : spec.get("semverConstraint");
    }

    private static int discoveryLimit(ConfigNode spec) {
        return spec.integer("discoveryLimit", ImageSubscription.DEFAULT_DISCOVERY_LIMIT, 1, 100);
    }

    /**
     * {@code allowTagsRegexes}, plus the deprecated {@code allowTags}: a string (Kargo's old single regex) or the
     * seed's list of {@code {pattern: REGEX}}.
     */
    private static List<String> allowRegexes(ConfigNode spec) {
        List<String> regexes = regexList(spec, "allowTagsRegexes");
        ConfigNode old = spec.get("allowTags");
        if (old.present()) {
            int before = regexes.size();
            if (old.json().isArray()) {
                for (ConfigNode item : old.items()) {
                    String regex = item.json().isObject() ? patternEntry(item) : item.text();
                    if (regex != null && ConstraintChecks.regex(item.json().isObject() ? item.get("pattern") : item, regex)) {
                        regexes.add(regex);
                    }
                }
            } else {
                String regex = old.text();
                if (regex != null && ConstraintChecks.regex(old, regex)) {
                    regexes.add(regex);
                }
            }
            old.warning(WarningKind.ALLOW_TAGS, "'allowTags' is deprecated (discovery fails on it since Kargo v1.11)",
                    "write allowTagsRegexes: " + yamlList(regexes.subList(before, regexes.size())));
        }
        return regexes;
    }

    private static String patternEntry(ConfigNode item) {
        item.allowOnly("pattern");
        String regex = item.text("pattern");
        if (regex == null) {
            item.error("an allowTags entry needs 'pattern'", "write - pattern: \"^v[0-9]+\\\\.[0-9]+\\\\.[0-9]+$\"");
        }
        return regex;
    }

    /** {@code ignoreTagsRegexes}, plus the deprecated {@code ignoreTags}: exact tags, matched literally. */
    private static List<String> ignoreRegexes(ConfigNode spec) {
        List<String> regexes = regexList(spec, "ignoreTagsRegexes");
        ConfigNode old = spec.get("ignoreTags");
        if (old.present()) {
            List<String> tags = old.json().isArray() ? spec.texts("ignoreTags") : List.of(old.text());
            int before = regexes.size();
            tags.forEach(tag -> regexes.add("^" + Pattern.quote(tag) + "$"));
            old.warning(WarningKind.IGNORE_TAGS, "'ignoreTags' is deprecated (discovery fails on it since Kargo v1.11)",
                    "write ignoreTagsRegexes: " + yamlList(regexes.subList(before, regexes.size())));
        }
        return regexes;
    }

    /** A flow list of double-quoted strings, ready to paste into YAML. */
    private static String yamlList(List<String> values) {
        return values.stream().map(v -> JsonNodeFactory.instance.textNode(v).toString())
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static List<String> regexList(ConfigNode spec, String field) {
        List<String> regexes = new ArrayList<>();
        for (ConfigNode item : spec.get(field).items()) {
            String regex = item.text();
            if (regex != null && ConstraintChecks.regex(item, regex)) {
                regexes.add(regex);
            }
        }
        return regexes;
    }
}
