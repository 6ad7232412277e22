package io.jenkins.plugins.kargo.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagFilterTest {

    static final List<String> SEED_PATTERNS = List.of(
            "^v[0-9]+\\.[0-9]+\\.[0-9]+-alpha\\.[0-9]+$",
            "^v[0-9]+\\.[0-9]+\\.[0-9]+-beta\\.[0-9]+$",
            "^v[0-9]+\\.[0-9]+\\.[0-9]+$");

    @Test
    void allowsWhatAnyAllowPatternMatches() {
        TagFilter filter = TagFilter.of(SEED_PATTERNS, List.of());
        assertThat(filter.allows("v1.2.3")).isTrue();
        assertThat(filter.allows("v1.2.3-beta.1")).isTrue();
        assertThat(filter.allows("v1.2.3-alpha.20241114153045")).isTrue();
        assertThat(filter.allows("v1.2.3-rc.1")).isFalse();
        assertThat(filter.allows("1.2.3")).isFalse();
        assertThat(filter.allows("latest")).isFalse();
    }

    @Test
    void ignoreWinsOverAllow() {
        TagFilter filter = TagFilter.of(List.of("^v1\\."), List.of("-beta", "^v1\\.0\\."));
        assertThat(filter.allows("v1.2.0")).isTrue();
        assertThat(filter.allows("v1.2.0-beta.1")).isFalse();
        assertThat(filter.allows("v1.0.3")).isFalse();
        assertThat(filter.allows("v2.0.0")).isFalse();
    }

    @Test
    void withoutAllowPatternsEveryTagNotIgnoredIsAllowed() {
        TagFilter filter = TagFilter.of(List.of(), List.of("^sha-"));
        assertThat(filter.allows("anything")).isTrue();
        assertThat(filter.allows("sha-0a1b2c")).isFalse();
        assertThat(TagFilter.allowAll().allows("")).isTrue();
        assertThat(TagFilter.of(List.of(), List.of())).isSameAs(TagFilter.allowAll());
    }

    @Test
    void patternsMatchAnywhereInTheTagAsGoRegexpMatchStringDoes() {
        TagFilter filter = TagFilter.of(List.of("alpha"), List.of());
        assertThat(filter.allows("v1.0.0-alpha.1")).isTrue();
        assertThat(TagFilter.of(List.of("^alpha$"), List.of()).allows("v1.0.0-alpha.1")).isFalse();
    }

    @Test
    void acceptsRe2Syntax() {
        for (String pattern : List.of("(?i)^V[0-9]+$", "^[[:digit:]]+$", "\\pL+", "(?P<major>[0-9]+)\\.x",
                "^[0-9a-f]{40}$", "\\Qv1.2\\E")) {
            assertThatCode(() -> TagFilter.validate(pattern)).as(pattern).doesNotThrowAnyException();
        }
        assertThat(TagFilter.of(List.of("(?i)^V[0-9]+$"), List.of()).allows("v12")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "^(v[0-9]+)-\\1$;     RE2 has no backreferences",
        "^v[0-9]+(?=-beta);   RE2 has no lookahead or lookbehind",
        "(?<!rc)[0-9]+$;      RE2 has no lookahead or lookbehind",
        "^v[0-9+$;            write the pattern in RE2 syntax",
        "^v[0-9]++$;          write the pattern in RE2 syntax",
        "a{1001};             write the pattern in RE2 syntax",
        "((a{1000}){1000}){1000};  its repetitions expand to more than 10000 steps",
        "(a{100}){101};       its repetitions expand to more than 10000 steps",
    })
    void refusesPatternsThatRe2RefusesOrThatAreAbsurd(String pattern, String hint) {
        assertThatThrownBy(() -> TagFilter.validate(pattern))
                .isInstanceOf(InvalidTagPatternException.class)
                .hasMessageStartingWith("invalid tag pattern \"" + pattern + "\": ")
                .hasMessageContaining(hint)
                .satisfies(e -> {
                    InvalidTagPatternException invalid = (InvalidTagPatternException) e;
                    assertThat(invalid.pattern()).isEqualTo(pattern);
                    assertThat(invalid.getMessage()).endsWith(invalid.problem() + "; " + invalid.fix());
                });
        assertThatThrownBy(() -> TagFilter.of(List.of("^v"), List.of(pattern)))
                .isInstanceOf(InvalidTagPatternException.class);
    }

    @Test
    void refusesOverlongPatterns() {
        String pattern = "a".repeat(TagFilter.MAX_PATTERN_LENGTH + 1);
        assertThatThrownBy(() -> TagFilter.validate(pattern))
                .isInstanceOf(InvalidTagPatternException.class)
                .hasMessageContaining("1001 characters long, more than the 1000 allowed");
    }

    @Test
    void estimatesCompiledSizeFromRepetitionsAndNesting() {
        assertThat(RegexSize.estimate("abc")).isEqualTo(3);
        assertThat(RegexSize.estimate("[a-z\\]]{10}")).isEqualTo(10);
        assertThat(RegexSize.estimate("(ab){3}c")).isEqualTo(7);
        assertThat(RegexSize.estimate("(a{10}|b){10}")).isEqualTo(110);
        assertThat(RegexSize.estimate("((a{1000}){1000}){1000}")).isGreaterThan(TagFilter.MAX_PATTERN_SIZE);
        assertThat(RegexSize.estimate("a{5,}")).isEqualTo(6);
        assertThat(RegexSize.estimate("x*")).isEqualTo(2);
    }
}
