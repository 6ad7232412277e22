package io.jenkins.plugins.kargo.expr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.expr.kargo.ValueFunctions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The attacks of the 2026-12-04 review ({@code shared/reviews/2026-12-04-expression-attacks.md}, category E: an
 * expression), numbered as there, each in expr-lang's spelling when it had one, and variants with other payloads,
 * against the engine with Kargo's value functions. Each asserts its outcome (the value, or the error text), that it
 * ended in well under the time bound, that the thread allocated less than {@link #Bounded.HEAP_BOUND} bytes meanwhile, and
 * that no thread is left running engine code.
 */
class AttackTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private static final Environment ENVIRONMENT = new Environment(variables(), ValueFunctions.plain());

    private static Map<String, Object> variables() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("x", "hello");
        vars.put("tpl", "${{ 1+1 }}");
        vars.put("regex", "^(a+)+$");
        return Map.of("vars", vars, "ctx", Map.of("stage", "uat"));
    }

    record Attack(String id, String expression, String expected) {
    }

    private static final String A40 = "a".repeat(40);

    static List<Attack> attacks() {
        List<Attack> a = new ArrayList<>();
        // no escape: reflection, classes, methods of values, static access, constructors, scripts
        a.add(new Attack("01", "''.getClass()", "! has no method getClass()"));
        a.add(new Attack("02", "''.class", "! cannot fetch string \"class\" from string"));
        a.add(new Attack("03", "vars.x.class", "! cannot fetch string \"class\" from string"));
        a.add(new Attack("04", "vars.x.class.forName('java.lang.Runtime')", "! cannot fetch string \"class\""));
        a.add(new Attack("05", "''.getClass().forName('java.lang.Runtime').getRuntime().exec('id')",
                "! has no method getClass()"));
        a.add(new Attack("06", "vars.getClass()", "! map has no method getClass()"));
        a.add(new Attack("07", "vars.class", "= null"));
        a.add(new Attack("08", "ctx.class.name", "! cannot fetch string \"name\" from nil"));
        a.add(new Attack("09", "'abc'.bytes", "! cannot fetch string \"bytes\" from string"));
        a.add(new Attack("10", "vars.x.length()", "! has no method length()"));
        a.add(new Attack("11", "vars.entrySet()", "! map has no method entrySet()"));
        a.add(new Attack("12", "vars.empty", "= null"));
        a.add(new Attack("13", "vars.x.toString()", "! has no method toString()"));
        a.add(new Attack("14", "new('java.io.File','/etc/passwd')", "! unknown function new()"));
        a.add(new Attack("15", "new java.io.File('/etc/passwd')", "! unexpected"));
        a.add(new Attack("16", "java.lang.System.getenv()", "! unknown name java"));
        a.add(new Attack("17", "System.getenv('HOME')", "! unknown name System"));
        a.add(new Attack("18", "@java.lang.Runtime@getRuntime()", "! unexpected character '@'"));
        a.add(new Attack("19", "math:abs(-1)", "! unexpected ':'"));
        a.add(new Attack("20", "java:lang()", "! unexpected ':'"));
        a.add(new Attack("21", "#pragma jexl.import java.lang\nRuntime", "! only defined inside a predicate"));
        a.add(new Attack("22", "import java.lang.Runtime", "! unexpected"));
        a.add(new Attack("23", "var y = 1; y", "! unexpected"));
        a.add(new Attack("24", "while(true){}", "! unexpected"));
        a.add(new Attack("25", "for(var i : [1,2]) { i }", "! expected ',' but found 'i'"));
        a.add(new Attack("26", "function(x){ x }", "! unexpected"));
        a.add(new Attack("27", "(x) -> x", "! unexpected"));
        a.add(new Attack("28", "x => x", "! unexpected"));
        a.add(new Attack("29", "var f = function(n){ f(n) }; f(1)", "! unexpected"));
        a.add(new Attack("30", "vars.x = 1", "! unexpected '='"));
        a.add(new Attack("31", "vars.put('a', 1)", "! map has no method put()"));
        a.add(new Attack("32", "@synchronized(vars) { 1 }", "! unexpected character '@'"));
        a.add(new Attack("33", "getClass()", "! unknown function getClass()"));
        a.add(new Attack("34", "hashCode()", "! unknown function hashCode()"));
        a.add(new Attack("35", "wait()", "! unknown function wait()"));
        a.add(new Attack("36", "toString()", "! unknown function toString()"));
        a.add(new Attack("37", "quote(vars)", "= \"{\\\"regex\\\":\\\"^(a+)+$\\\",\\\"tpl\\\":\\\"${{ 1+1 }}\\\","
                + "\\\"x\\\":\\\"hello\\\"}\""));
        a.add(new Attack("38", "`${''.getClass()}`", "= \"${''.getClass()}\""));
        a.add(new Attack("39", "`${vars.x}`", "= \"${vars.x}\""));
        a.add(new Attack("40", "secrets", "! unknown name secrets"));
        a.add(new Attack("41", "env", "! unknown name env"));
        a.add(new Attack("42", "len(vars)", "= 3"));
        a.add(new Attack("43", "empty(vars.x)", "! unknown function empty()"));
        a.add(new Attack("44", "'a' * 1000000000", "! invalid operation: string \"a\" * int 1000000000"));
        a.add(new Attack("50", "vars['class']", "= null"));
        a.add(new Attack("51", "vars?.getClass()", "! map has no method getClass()"));
        a.add(new Attack("52", "vars.x.__proto__", "! cannot fetch string \"__proto__\" from string"));
        a.add(new Attack("53", "vars['__proto__']", "= null"));
        a.add(new Attack("54", "ctx.constructor", "= null"));
        a.add(new Attack("60", "x.y.z", "! unknown name x"));
        a.add(new Attack("61", "vars.x ~= 'h'", "! unexpected character '~'"));
        a.add(new Attack("105", "vars instanceof java.util.Map", "! unexpected"));
        a.add(new Attack("107", "'\\u0000' + vars.x", "= \"\\u0000hello\""));
        // numbers: no unbounded big numbers exist (JEXL's 1H, 1e999999999B are not expr-lang)
        a.add(new Attack("55", "1H << 100", "! bad number syntax: 1H"));
        a.add(new Attack("55b", "bitshl(1, 100)", "= 0"));
        a.add(new Attack("57", "1e999999999B + 1", "! bad number syntax"));
        a.add(new Attack("57b", "1e999999999 + 1", "! float literal 1e999999999 is too large"));
        a.add(new Attack("57c", "99999999999999999999999 + 1", "! integer literal 99999999999999999999999 is too"
                + " large"));
        a.add(new Attack("57d", "9223372036854775807 * 2", "! integer overflow"));
        a.add(new Attack("59", "1e308 * 10 == 1e308 * 100", "= true"));
        // ranges are never materialised past the bound
        a.add(new Attack("45", "1..2147483647", "! would make a list or map of 2147483647 elements; the limit"
                + " is 1000000"));
        a.add(new Attack("46", "len(1..2147483647)", "! would make a list or map of 2147483647 elements"));
        a.add(new Attack("47", "asJSON(1..100000000)", "! would make a list or map of 100000000 elements"));
        a.add(new Attack("48", "quote(1..400000000)", "! would make a list or map of 400000000 elements"));
        a.add(new Attack("49", "5 in 1..2147483647", "! would make a list or map of 2147483647 elements"));
        a.add(new Attack("110", "[1..1000000000]", "! would make a list or map of 1000000000 elements"));
        a.add(new Attack("110b", "{'a': 1..2000000000}", "! would make a list or map of 2000000000 elements"));
        a.add(new Attack("110c", "-9223372036854775807..9223372036854775807", "! would make a list or map of"));
        a.add(new Attack("104", "all(1..100000000, {# > 0})", "! would make a list or map of 100000000"));
        a.add(new Attack("104b", "all(1..1000000, {all(1..1000000, {# > 0})})", "! took more than 2000000 steps || did not finish within"));
        a.add(new Attack("104c", "len(filter(1..200000, {# % 2 == 0}))", "= 100000"));
        // regular expressions run in linear time (RE2J)
        a.add(new Attack("62", "'hello' matches 'h.*'", "= true"));
        a.add(new Attack("63", "'" + "a".repeat(43) + "!' matches '^(a+)+$'", "= false"));
        a.add(new Attack("84", "'" + A40 + "b' matches '(.*a){12}'", "= true"));
        a.add(new Attack("84b", "'" + A40 + "b' matches '^(.*a){12}$'", "= false"));
        a.add(new Attack("84c", "repeat('a', 1000000) matches '^(a|aa)+$'", "= true"));
        a.add(new Attack("84d", "repeat('a', 500000) + '!' matches '^((a+)+)+$'", "= false"));
        a.add(new Attack("108", "vars.x matches vars.regex", "= false"));
        a.add(new Attack("108b", "'hello' matches '(?P<x>'", "! invalid regular expression"));
        // exponential and quadratic growth end at the string, collection and allocation bounds
        a.add(new Attack("93", nest("unsafeQuote(", 30, "'\"'"), "! would make a string of || did not finish within"));
        a.add(new Attack("94", nest("asJSON(", 30, "'\"'"), "! would make a string of || did not finish within"));
        a.add(new Attack("97", nest("quote([", 30, "'\"'", "])"), "! would make a string of || did not finish within"));
        a.add(new Attack("98", nest("len(unsafeQuote(", 25, "'\"'", "))"), "= 1"));
        a.add(new Attack("98b", "let s = repeat('ab', 400000); let t = s + s; t + t", "! would make a string of || did not finish within"));
        a.add(new Attack("98c", "repeat('a', 2000000)", "! would make a string of 2000000 characters"));
        a.add(new Attack("98d", "reduce(1..100000, #acc + 'xxxxxxxxxx', '')", "! would allocate more than 32 MiB || did not finish within"));
        a.add(new Attack("98e", "len(map(1..1000000, [#, #, #, #]))", "! would allocate more than 32 MiB || did not finish within"));
        a.add(new Attack("98f", "toJSON(map(1..50000, {{'key': #}}))", "! would make a string of || did not finish within"));
        a.add(new Attack("98g", "len(reduce(1..2000, [#acc], []))", "= 1"));
        a.add(new Attack("98h", "reduce(1..2000, [#acc], [])", "! nested deeper than 1000 levels"));
        a.add(new Attack("98i", "fromJSON(repeat('[', 5000) + repeat(']', 5000))", "! not valid JSON"));
        a.add(new Attack("98j", "flatten(reduce(1..1500, [#acc], []))", "! nested deeper than 1000 levels"));
        a.add(new Attack("98k", "split(repeat('a,', 600000), ',')", "! would make a string of || did not finish within"));
        a.add(new Attack("98l", "concat(1..600000, 1..600000)", "! would make a list or map of 1200000"));
        a.add(new Attack("98m", "sort(map(1..50000, -#))[0]", "= -50000"));
        // closures: evaluated in the caller's thread, one budget; a closure cannot name itself
        a.add(new Attack("64", "all(vars.x, {# > 0 && all(vars.x, __closure1)})", "! takes an array first"));
        a.add(new Attack("64b", "all([1], {# > 0 && all([1], __closure1)})", "! unknown name __closure1"));
        a.add(new Attack("64c", "map(1..1000, {map(1..1000, {map(1..1000, {#})})})", "! would allocate more than || did not finish within"));
        a.add(new Attack("64d", "all(1..1000, {all(1..1000, {all(1..1000, {# > 0})})})", "! took more than || did not finish within"));
        a.add(new Attack("106", "{# > 0}", "! a map key must be"));
        // deep nesting is a parse error, whatever nests
        a.add(new Attack("95", nest("{'a':", 400, "1", "}"), "! is nested deeper than 256 levels (the limit)"));
        a.add(new Attack("95b", "(".repeat(400) + "1" + ")".repeat(400), "! is nested deeper than 256 levels"));
        a.add(new Attack("95c", "!".repeat(400) + "true", "! is nested deeper than 256 levels"));
        a.add(new Attack("95d", "[".repeat(400) + "]".repeat(400), "! is nested deeper than 256 levels"));
        a.add(new Attack("95e", "-(".repeat(400) + "1" + ")".repeat(400), "! is nested deeper than 256 levels"));
        a.add(new Attack("95f", "vars" + ".x".repeat(2000), "! is nested deeper than 256 levels"));
        a.add(new Attack("95g", "1" + "+1".repeat(2000), "! is nested deeper than 256 levels"));
        a.add(new Attack("95h", "2" + "**2".repeat(2000), "! is nested deeper than 256 levels"));
        a.add(new Attack("95i", "(".repeat(1000) + "true" + ")".repeat(1000), "! is nested deeper than 256"));
        a.add(new Attack("95j", "1" + "+1".repeat(200), "= 201"));
        // huge input: refused without repeating it
        a.add(new Attack("huge", "1" + "+1".repeat(500_000), "! is 1000001 characters long; the limit is 65536"));
        return a;
    }

    private static String nest(String open, int times, String inner) {
        return nest(open, times, inner, ")");
    }

    private static String nest(String open, int times, String inner, String close) {
        return open.repeat(times) + inner + close.repeat(times);
    }

    @Test
    void theSuiteCoversTheReviewsAttacks() {
        assertThat(attacks()).hasSizeGreaterThanOrEqualTo(100).extracting(Attack::id)
                .contains("01", "45", "64", "84", "93", "95", "104", "110").doesNotHaveDuplicates();
    }

    @TestFactory
    Stream<DynamicTest> attacksEndBoundedWithTheirOutcome() {
        return attacks().stream().map(a -> DynamicTest.dynamicTest(a.id() + ": "
                + ExpressionException.shown(a.expression()), () -> check(a)));
    }

    private static void check(Attack attack) throws Exception {
        Bounded.Outcome outcome = Bounded.run(() -> Expression.parse(attack.expression())
                .evaluate(ENVIRONMENT, Limits.DEFAULT));
        if (attack.expected().startsWith("!")) {
            ExpressionException e = outcome.expressionFailure();
            Bounded.assertEndedWith(e.getMessage(), attack.expected().substring(1));
            assertThat(e.getMessage().length()).as("the message stays short").isLessThan(1000);
        } else {
            assertThat(outcome.failure()).as("attack %s failed", attack.id()).isNull();
            assertThat(ConformanceAssertions.same(JSON.readValue(attack.expected().substring(1).strip(),
                    Object.class), outcome.value())).as("%s gives %s", attack.id(), outcome.value()).isTrue();
        }
        assertThat(outcome.elapsed()).as("time of attack %s", attack.id()).isLessThan(Bounded.TIME_BOUND);
        assertThat(outcome.allocatedBytes()).as("bytes allocated by attack %s", attack.id()).isLessThan(Bounded.HEAP_BOUND);
        MEASURED.add(attack.id() + " " + outcome.elapsed().toMillis() + " ms " + (outcome.allocatedBytes() >> 20)
                + " MiB");
    }

    private static final List<String> MEASURED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The costliest attacks, for docs/security.md: time and bytes allocated by the evaluating thread. */
    @org.junit.jupiter.api.AfterAll
    static void report() {
        MEASURED.stream().sorted(java.util.Comparator.comparingLong((String m) -> Long.parseLong(m.split(" ")[1]))
                .reversed()).limit(8).forEach(m -> System.out.println("attack cost: " + m));
        MEASURED.stream().sorted(java.util.Comparator.comparingLong((String m) -> Long.parseLong(m.split(" ")[3]))
                .reversed()).limit(8).forEach(m -> System.out.println("attack heap: " + m));
    }

    @Test
    void theTimeBoundStopsTheWorkItselfInTheCallersThread() {
        Limits tight = Limits.DEFAULT.withMaxTime(Duration.ofMillis(200)).withMaxSteps(Long.MAX_VALUE);
        Bounded.Outcome outcome = Bounded.run(() -> Expression.parse(
                "all(1..1000000, {all(1..1000000, {# > 0})})").evaluate(ENVIRONMENT, tight));

        assertThat(outcome.expressionFailure().getMessage()).contains("did not finish within 200 ms (the limit)");
        assertThat(outcome.expressionFailure().kind()).isEqualTo(ExpressionException.Kind.LIMIT);
        assertThat(outcome.elapsed()).isLessThan(Bounded.TIME_BOUND);
    }

    @Test
    void anInterruptStopsAnEvaluationAtItsNextSteps() throws Exception {
        Limits unbounded = Limits.DEFAULT.withMaxTime(Duration.ofHours(1)).withMaxSteps(Long.MAX_VALUE);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread evaluating = new Thread(() -> {
            started.countDown();
            try {
                Expression.parse("all(1..1000000, {all(1..1000000, {# > 0})})").evaluate(ENVIRONMENT, unbounded);
            } catch (Throwable t) {
                ended.set(t);
            }
        }, "evaluating");
        evaluating.start();
        started.await();
        evaluating.interrupt();
        evaluating.join(Bounded.TIME_BOUND.toMillis());

        assertThat(evaluating.isAlive()).isFalse();
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        Bounded.assertNoOtherThreadRunsTheEngine();
    }

    @Test
    void aHugeExpressionIsRefusedWithoutRepeatingIt() {
        String huge = "1" + "+1".repeat(500_000);
        ExpressionException e = Bounded.run(() -> Expression.parse(huge)).expressionFailure();
        assertThat(e.getMessage()).hasSizeLessThan(400).contains("1+1+1").contains("(1000001 characters)");
        assertThat(e.kind()).isEqualTo(ExpressionException.Kind.LIMIT);
    }
}
