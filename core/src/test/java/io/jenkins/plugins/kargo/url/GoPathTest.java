package io.jenkins.plugins.kargo.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from Go's {@code path} package documentation and tests. */
class GoPathTest {

    @ParameterizedTest
    @CsvSource({
        "'', .",
        "abc, abc",
        "abc/def, abc/def",
        "a/b/c, a/b/c",
        "., .",
        ".., ..",
        "../.., ../..",
        "../../abc, ../../abc",
        "/abc, /abc",
        "/, /",
        "abc/, abc",
        "abc/def/, abc/def",
        "/abc/, /abc",
        "abc//def//ghi, abc/def/ghi",
        "//abc, /abc",
        "///abc, /abc",
        "abc/./def, abc/def",
        "/./abc/def, /abc/def",
        "abc/., abc",
        "abc/def/ghi/../jkl, abc/def/jkl",
        "abc/def/../ghi/../jkl, abc/jkl",
        "abc/def/.., abc",
        "abc/def/../.., .",
        "/abc/def/../.., /",
        "abc/def/../../.., ..",
        "/abc/def/../../.., /",
        "abc/def/../../../ghi/jkl/../../../mno, ../../mno",
        "https://x, https:/x",
    })
    void cleansAsGo(String path, String expected) {
        assertThat(GoPath.clean(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "a, b, a/b",
        "a, '', a",
        "'', b, b",
        "/, a, /a",
        "'', '', ''",
        "https://verdaccio.example.com, @org/utils, https:/verdaccio.example.com/@org/utils",
    })
    void joinsAsGo(String first, String second, String expected) {
        assertThat(GoPath.join(first, second)).isEqualTo(expected);
    }
}
