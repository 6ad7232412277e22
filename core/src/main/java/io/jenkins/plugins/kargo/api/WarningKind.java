package io.jenkins.plugins.kargo.api;

/**
 * Each kind of configuration warning, so that a face can group many of one kind into one line (the example gives
 * twenty warnings of eight kinds) and count them by {@link Category} at the end.
 */
public enum WarningKind {
    PROJECT_PROMOTION_POLICIES(Category.DEPRECATED,
            "Project.spec.promotionPolicies is deprecated: move them to a ProjectConfig"),
    PROMOTION_MECHANISMS(Category.DEPRECATED,
            "'promotionMechanisms' is Kargo's pre-v1.0 form, translated into promotion steps"),
    SEMVER_CONSTRAINT(Category.DEPRECATED, "'semverConstraint' is deprecated: rename it to constraint"),
    ALLOW_TAGS(Category.DEPRECATED, "'allowTags' is deprecated: write allowTagsRegexes"),
    IGNORE_TAGS(Category.DEPRECATED, "'ignoreTags' is deprecated: write ignoreTagsRegexes"),
    SSH_REPO_URL(Category.DEPRECATED, "SSH repository URLs are deprecated and not used for discovery"),
    ANALYSIS_RUNS(Category.NOT_KARGO,
            "'analysisRuns' is not a Kargo field: read into analysisTemplates and verification.args"),
    CHART_NAMED_AS_NPM(Category.NOT_KARGO, "a chart named as a scoped npm package is read as an npm package"),
    CONDITION_IN_PROVIDER(Category.NOT_KARGO,
            "a condition inside provider is read as the metric's: move it level with 'provider:'"),
    PROMETHEUS_RESULT_AS_NUMBER(Category.TO_CHECK,
            "a condition compares a Prometheus result as one number: write result[0]"),
    RANGE_ADMITS_ALPHA(Category.TO_CHECK, "a version range also admits alpha pre-releases"),
    POLICY_WITHOUT_STAGE(Category.TO_CHECK, "a promotion policy names no stage of its project and has no effect"),
    UNSUPPORTED_FIELD(Category.IGNORED, "a field not supported yet is ignored"),
    TASK_STEP_SETTING(Category.IGNORED, "a setting on a task step is ignored: set it on the task's steps"),
    DASHBOARD_WITHOUT_CONFIG(Category.IGNORED, "a ConfigMap without data.\"config.yaml\" is ignored"),
    KIND_NOT_USED(Category.IGNORED, "resources of a kind not used here are kept as they are");

    /** How warnings are counted in the one summary at the end of an apply. */
    public enum Category {
        DEPRECATED("deprecated field", "deprecated fields"),
        NOT_KARGO("non-Kargo form", "non-Kargo forms"),
        TO_CHECK("condition to check", "conditions to check"),
        IGNORED("ignored setting", "ignored settings");

        private final String one;
        private final String many;

        Category(String one, String many) {
            this.one = one;
            this.many = many;
        }

        /** {@code 1 deprecated field}, {@code 12 deprecated fields}. */
        public String count(long n) {
            return n + " " + (n == 1 ? one : many);
        }
    }

    private final Category category;
    private final String headline;

    WarningKind(Category category, String headline) {
        this.category = category;
        this.headline = headline;
    }

    public Category category() {
        return category;
    }

    /** What every warning of this kind says, without the values of any one of them. */
    public String headline() {
        return headline;
    }
}
