package io.jenkins.plugins.kargo.promotion;

import io.jenkins.plugins.kargo.semver.SemverTags;
import io.jenkins.plugins.kargo.expr.ExprObject;
import io.jenkins.plugins.kargo.expr.Functions;
import java.util.List;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Kargo's {@code semverParse(version)} and {@code semverDiff(a, b)}, reading versions as Kargo does (Masterminds'
 * lenient {@code NewVersion}: an optional {@code v}, missing minor or patch read as 0; {@link SemverTags}).
 */
public final class SemverFunctions {

    /** The two functions; they keep no state. */
    public static final Functions LIBRARY = Functions.builder()
            .add("semverParse", 1, a -> new Version(SemverTags.parse(a.string(0), false).orElseThrow(() ->
                    new IllegalArgumentException("semverParse(): '" + a.string(0) + "' is not a semantic version"))))
            .add("semverDiff", 2, a -> diff(SemverTags.parse(a.string(0), false),
                    SemverTags.parse(a.string(1), false)))
            .build();

    private SemverFunctions() {
    }

    /**
     * {@code Major}, {@code Minor}, {@code Patch}, {@code Metadata} (only the build metadata differs), {@code None}
     * or {@code Incomparable} (either is not a version). As in Kargo, versions that differ only in their pre-release
     * are {@code None}.
     */
    static String diff(Optional<Semver> first, Optional<Semver> second) {
        if (first.isEmpty() || second.isEmpty()) {
            return "Incomparable";
        }
        Semver a = first.get();
        Semver b = second.get();
        if (a.getMajor() != b.getMajor()) {
            return "Major";
        }
        if (a.getMinor() != b.getMinor()) {
            return "Minor";
        }
        if (a.getPatch() != b.getPatch()) {
            return "Patch";
        }
        return a.getBuild().equals(b.getBuild()) ? "None" : "Metadata";
    }

    /**
     * What {@code semverParse} gives: a version with Kargo's documented methods, {@code Major()}, {@code Minor()},
     * {@code Patch()}, {@code Prerelease()}, {@code Metadata()}, {@code IncMajor()}, {@code IncMinor()},
     * {@code IncPatch()}, {@code String()}, and the comparisons {@code LessThan(v)}, {@code GreaterThan(v)},
     * {@code Equal(v)}, {@code Compare(v)}. In a result it is its {@code String()}.
     */
    record Version(Semver semver) implements ExprObject {

        @Override
        public String typeName() {
            return "semver.Version";
        }

        @Override
        public Object call(String method, List<Object> arguments) {
            if (List.of("LessThan", "GreaterThan", "Equal", "Compare").contains(method)) {
                if (arguments.size() != 1 || !(arguments.get(0) instanceof Version other)) {
                    throw new IllegalArgumentException(method + "() takes one version from semverParse()");
                }
                int order = semver.compareTo(other.semver);
                return switch (method) {
                    case "LessThan" -> order < 0;
                    case "GreaterThan" -> order > 0;
                    case "Equal" -> order == 0;
                    default -> (long) Integer.signum(order);
                };
            }
            if (!arguments.isEmpty()) {
                throw new IllegalArgumentException(method + "() takes no arguments");
            }
            return switch (method) {
                case "Major" -> (long) semver.getMajor();
                case "Minor" -> (long) semver.getMinor();
                case "Patch" -> (long) semver.getPatch();
                case "Prerelease" -> String.join(".", semver.getPreRelease());
                case "Metadata" -> String.join(".", semver.getBuild());
                case "IncMajor" -> of(semver.getMajor() + 1, 0, 0);
                case "IncMinor" -> of(semver.getMajor(), semver.getMinor() + 1, 0);
                case "IncPatch" -> of(semver.getMajor(), semver.getMinor(), semver.getPatch() + 1);
                case "String" -> semver.getVersion();
                default -> throw new IllegalArgumentException("semver.Version has no method " + method + "(); it has"
                        + " Major(), Minor(), Patch(), Prerelease(), Metadata(), IncMajor(), IncMinor(), IncPatch(),"
                        + " String(), LessThan(v), GreaterThan(v), Equal(v), Compare(v)");
            };
        }

        private static Version of(int major, int minor, int patch) {
            return new Version(Semver.create(major, minor, patch));
        }

        @Override
        public Object toData() {
            return semver.getVersion();
        }
    }
}
