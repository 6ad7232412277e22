package io.jenkins.plugins.kargo.promotion.expression;

import java.lang.reflect.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;

/**
 * Evaluates one expression (the text between {@code ${{ }}}, a {@code successExpression}, an analysis condition) in
 * a sandbox built on Apache Commons JEXL 3:
 * <ul>
 *   <li>only the {@link ExpressionScope}'s variables and functions are reachable ({@link SandboxPermissions});</li>
 *   <li>the grammar is an expression, not a script: no loops, assignments, {@code new}, imports, pragmas,
 *       annotations, local variables, lambdas or method calls on values;</li>
 *   <li>strict: an undefined variable, an operation on null or a failed function is an error, not an empty result;</li>
 *   <li>time-bound: an evaluation still running after the timeout is cancelled (its thread interrupted).</li>
 * </ul>
 * The language is JEXL's expression syntax, which covers what Kargo users write in expr-lang: literals in single or
 * double quotes, {@code a.b}, {@code a['b-c']}, {@code l[0]}, {@code + - * / %}, comparisons, {@code && || !} (and
 * {@code and or not}), {@code c ? a : b}, {@code a ?? b}, {@code a?.b}, {@code nil}/{@code null}, list and map
 * literals, {@code =~} (in / matches), {@code =^} (starts with), {@code =$} (ends with); {@code /} divides as
 * expr-lang does ({@code 7 / 2} is 3.5). Thread-safe; parsed expressions are cached.
 */
public final class ExpressionEngine {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Evaluations run here so that one that overstays can be cut off without touching the caller's thread. */
    private static final ExecutorService EVALUATORS = Executors.newCachedThreadPool(new DaemonThreads());

    private static final JexlFeatures FEATURES = new JexlFeatures()
            .script(false).loops(false).sideEffect(false).sideEffectGlobal(false).newInstance(false)
            .importPragma(false).namespacePragma(false).pragma(false).pragmaAnywhere(false).annotation(false)
            .localVar(false).lambda(false).thinArrow(false).fatArrow(false).methodCall(false).register(false)
            .namespaceIdentifier(false);

    private final JexlEngine jexl;
    private final Duration timeout;

    public ExpressionEngine() {
        this(DEFAULT_TIMEOUT);
    }

    public ExpressionEngine(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("expression timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.jexl = new JexlBuilder()
                .permissions(new SandboxPermissions())
                .features(FEATURES)
                .arithmetic(new Arithmetic())
                .strict(true)
                .safe(false)
                .silent(false)
                .cancellable(true)
                .cache(512)
                .create();
    }

    /**
     * Evaluates {@code expression} against {@code scope}.
     *
     * @return the value: String, Boolean, a Number, a Map, a List or null
     * @throws ExpressionException  the expression does not parse, reaches outside the sandbox, fails, or overstays
     * @throws InterruptedException the calling thread was interrupted while waiting (the evaluation is cancelled)
     */
    public Object evaluate(String expression, ExpressionScope scope) throws InterruptedException {
        JexlExpression parsed;
        try {
            parsed = jexl.createExpression(expression.strip());
        } catch (JexlException e) {
            throw new ExpressionException(expression.strip(), "", "does not parse: " + reason(e));
        }
        Callable<Object> evaluation = parsed.callable(new ScopeContext(scope));
        Future<Object> running = EVALUATORS.submit(evaluation);
        try {
            return plain(running.get(timeout.toNanos(), TimeUnit.NANOSECONDS), expression.strip());
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new ExpressionException(expression.strip(), "",
                    "did not finish within " + timeout.toMillis() + " ms and was cancelled");
        } catch (InterruptedException e) {
            running.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new ExpressionException(expression.strip(), "", reason(e.getCause()));
        }
    }

    /** The result as data: arrays (from list literals) become lists; ranges and other objects are refused. */
    private static Object plain(Object value, String expression) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Map || value instanceof List) {
            return value;
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return Collections.unmodifiableList(items);
        }
        throw new ExpressionException(expression, "", "gives a " + value.getClass().getSimpleName()
                + ", which is not a value (string, number, boolean, list, map or null)");
    }

    /** JEXL's message without its location prefix ({@code @1:5 }), which means little to a YAML author. */
    private static String reason(Throwable failure) {
        if (failure instanceof JexlException.Cancel) {
            return "was cancelled";
        }
        String message = failure instanceof JexlException jexlFailure ? jexlFailure.getMessage() : failure.toString();
        Throwable cause = failure.getCause();
        // a function that threw: its own message says what was wrong
        if (cause != null && !(cause instanceof JexlException) && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return message == null ? failure.getClass().getSimpleName() : message.replaceFirst("^.*?@\\d+:\\d+(?:!\\[\\d+,\\d+])?:?\\s*", "");
    }

    /** Hands JEXL the scope's variables and, as the namespace of bare function calls, its functions. */
    private record ScopeContext(ExpressionScope scope) implements JexlContext, JexlContext.NamespaceResolver {

        private static final String NIL = "nil"; // expr-lang's name for null, as Kargo users write it

        @Override
        public Object get(String name) {
            return scope.variables().get(name);
        }

        @Override
        public void set(String name, Object value) {
            throw new UnsupportedOperationException("expressions cannot assign variables");
        }

        @Override
        public boolean has(String name) {
            return scope.variables().containsKey(name) || NIL.equals(name);
        }

        @Override
        public Object resolveNamespace(String name) {
            return name == null ? scope.functions() : null;
        }
    }

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "kargo-expression-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
