package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.git.Promotions.config;
import static io.jenkins.plugins.kargo.promotion.git.Promotions.context;

import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import io.jenkins.plugins.kargo.testkit.GitDaemon;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Promotion benchmark (not a test; run {@code ci/bench-promotion.sh}). Generates a GitOps repository of 10,000
 * {@code kustomization.yaml} files and 5,000 commits with {@code git fast-import}, serves it with {@code git daemon}
 * and measures, side by side in one run:
 * <ul>
 *   <li>one promotion with a warm cache: git-clone → set one image tag → git-commit → git-push, through the
 *       engine's steps, against the shell baseline {@code git clone; sed; git commit; git push};</li>
 *   <li>the throughput of 25 concurrent promotions into one branch.</li>
 * </ul>
 * Arguments: {@code [iterations] [concurrent]} (default 10 and 25; 0 iterations measures only the concurrent promotions).
 */
public final class PromotionBenchmark {

    private static final int APPS = 2_500;
    private static final List<String> STAGES = List.of("dev", "staging", "uat", "prod");
    private static final int COMMITS = 5_000;
    private static final int WARMUP = 3;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Path root = Files.createTempDirectory("kargo-promotion-bench");
        try {
            Path served = Files.createDirectories(root.resolve("served"));
            long generated = System.nanoTime();
            generate(served.resolve("gitops.git"));
            System.out.printf(Locale.ROOT, "repository: %,d files, %,d commits (git fast-import + repack: %.1f s)%n",
                    APPS * STAGES.size(), COMMITS, seconds(System.nanoTime() - generated));
            try (GitDaemon daemon = GitDaemon.serve(served)) {
                run(root, daemon.url("gitops.git"), iterations, concurrent);
            }
        } finally {
            deleteRecursively(root);
        }
    }

    /** One measured promotion: wall and CPU time, and the wall and CPU time of its phases. */
    private record Sample(long wall, long cpu, long[] phases, long[] phaseCpu) {
    }

    private static final List<String> ENGINE_PHASES = List.of("git-clone", "edit", "git-commit", "git-push");

    private static void run(Path root, String url, int iterations, int concurrent) throws Exception {
        Promotions steps = new Promotions(root.resolve("cache"));
        int[] sequence = {0};
        Sample cold = timeEngine(steps, root, url, sequence[0]++);
        System.out.printf(Locale.ROOT, "engine, cold cache (first promotion clones): %.0f ms wall, %.0f ms CPU%n",
                millis(cold.wall()), millis(cold.cpu()));
        for (int i = 0; i < WARMUP; i++) {
            timeEngine(steps, root, url, sequence[0]++);
            if (iterations > 0) {
                timeShell(root, url, sequence[0]++);
            }
        }
        if (iterations > 0) {
            latency(steps, root, url, iterations, sequence);
        }
        concurrency(steps, root, url, concurrent, sequence);
    }

    /** One promotion at a time, the engine's and the shell's in turns. */
    private static void latency(Promotions steps, Path root, String url, int iterations, int[] sequence) throws Exception {
        List<Sample> engine = new ArrayList<>();
        List<Sample> shell = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            engine.add(timeEngine(steps, root, url, sequence[0]++));
            shell.add(timeShell(root, url, sequence[0]++));
        }
        System.out.printf(Locale.ROOT, "promotion latency, warm cache, median of %d (wall min-max):%n", iterations);
        report("engine (git-clone, edit, git-commit, git-push)", engine);
        report("shell  (git clone, sed, git commit, git push)  ", shell);
        double ratio = (double) median(engine, Sample::wall) / median(shell, Sample::wall);
        System.out.printf(Locale.ROOT, "  ratio engine/shell: wall %.3f (shell/engine %.1fx), CPU %.3f%n", ratio, 1 / ratio,
                (double) median(engine, Sample::cpu) / median(shell, Sample::cpu));
        System.out.printf(Locale.ROOT, "  target: engine at least 10x faster than the shell (ratio <= 0.100): %s%n",
                ratio <= 0.1 ? "met" : "not met");
        System.out.println(phases("engine phases", engine));
    }

    /** {@code concurrent} promotions released at once, each into its own file of the same branch. */
    private static void concurrency(Promotions steps, Path root, String url, int concurrent, int[] sequence) throws Exception {
        Path served = root.resolve("served/gitops.git");
        int before = Integer.parseInt(BareRepository.git(root, "-C", served.toString(), "rev-list", "--count", "main").strip());
        CyclicBarrier start = new CyclicBarrier(concurrent);
        List<Callable<Sample>> promotions = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            int n = sequence[0]++;
            promotions.add(() -> {
                start.await();
                return timeEngine(steps, root, url, n);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        long began = System.nanoTime();
        List<Sample> each = new ArrayList<>();
        try {
            for (Future<Sample> f : pool.invokeAll(promotions)) {
                each.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long wall = System.nanoTime() - began;
        System.out.printf(Locale.ROOT, "%d concurrent promotions into one branch: %.1f s wall, %.2f promotions/s, "
                        + "latency median %.0f ms, max %.0f ms, CPU %.0f ms per promotion (median)%n", concurrent,
                seconds(wall), concurrent / seconds(wall), millis(median(each, Sample::wall)),
                millis(each.stream().mapToLong(Sample::wall).max().orElseThrow()), millis(median(each, Sample::cpu)));
        System.out.println(phases("phases per promotion", each));
        System.out.printf(Locale.ROOT, "  CPU of all %d promotions' threads together: %.0f ms (the git-push phases: %.0f ms)%n",
                concurrent, millis(each.stream().mapToLong(Sample::cpu).sum()),
                millis(each.stream().mapToLong(s -> s.phaseCpu()[ENGINE_PHASES.size() - 1]).sum()));
        List<String> landed = BareRepository.git(root, "-C", served.toString(), "log", "--format=%s", "-n",
                String.valueOf(concurrent + 1), "main").lines().toList();
        int after = Integer.parseInt(BareRepository.git(root, "-C", served.toString(), "rev-list", "--count", "main").strip());
        long distinct = landed.stream().limit(concurrent).distinct().count();
        System.out.printf(Locale.ROOT, "branch grew by %d commits (%d distinct promotions among the newest %d): %s%n",
                after - before, distinct, concurrent,
                after - before == concurrent && distinct == concurrent ? "none lost, none doubled" : "LOST OR DOUBLED");
        System.out.printf(Locale.ROOT, "  target: %d concurrent promotions all landed in under 10 s: %s%n", concurrent,
                seconds(wall) < 10 && after - before == concurrent && distinct == concurrent ? "met" : "not met");
    }

    /** Each phase's median wall and CPU time: where the time goes, and how much of it is waiting. */
    private static String phases(String title, List<Sample> samples) {
        StringBuilder line = new StringBuilder("  " + title + " (median wall / CPU):");
        for (int p = 0; p < ENGINE_PHASES.size(); p++) {
            int phase = p;
            line.append(String.format(Locale.ROOT, " %s %.0f / %.0f ms", ENGINE_PHASES.get(p),
                    millis(median(samples, s -> s.phases()[phase])), millis(median(samples, s -> s.phaseCpu()[phase]))));
        }
        return line.toString();
    }

    private static void report(String what, List<Sample> samples) {
        System.out.printf(Locale.ROOT, "  %s: %6.0f ms wall (%.0f-%.0f), %6.0f ms CPU%n", what,
                millis(median(samples, Sample::wall)), millis(samples.stream().mapToLong(Sample::wall).min().orElseThrow()),
                millis(samples.stream().mapToLong(Sample::wall).max().orElseThrow()), millis(median(samples, Sample::cpu)));
    }

    /**
     * One promotion through the engine's steps; the working tree is removed afterwards, outside the timing. CPU is
     * the calling thread's, where JGit does its work.
     */
    private static Sample timeEngine(Promotions steps, Path root, String url, int n) throws Exception {
        StepContext context = context(root.resolve("engine"), "promotion-" + n);
        String file = kustomization(n);
        long[] phases = new long[ENGINE_PHASES.size()];
        long[] phaseCpu = new long[ENGINE_PHASES.size()];
        long cpu = CPU.getCurrentThreadCpuTime();
        long began = System.nanoTime();
        Phase phase = new Phase(phases, phaseCpu);
        check(steps.clone.run(context, config("""
                repoURL: %s
                checkout: [{branch: main, path: ./out}]
                """.formatted(url))));
        phase.end();
        Path target = WorkDirPath.resolve(context.workDir(), "path", "out/" + file); // as a file step names it
        Files.writeString(target, Files.readString(target).replaceAll("newTag: .*", "newTag: 2.0." + n));
        phase.end();
        check(steps.commit.run(context, config("{path: ./out, message: 'promote " + file + " to 2.0." + n + "'}")));
        phase.end();
        check(steps.push.run(context, config("{path: ./out}")));
        phase.end();
        Sample sample = new Sample(System.nanoTime() - began, CPU.getCurrentThreadCpuTime() - cpu, phases, phaseCpu);
        deleteRecursively(context.workDir());
        return sample;
    }

    /** The shell baseline; CPU is user + system of the shell's children, as bash's {@code times} reports it. */
    private static Sample timeShell(Path root, String url, int n) throws Exception {
        Path dir = root.resolve("shell/promotion-" + n);
        Files.createDirectories(dir.getParent());
        String file = kustomization(n);
        String script = String.join(" && ",
                "git clone -q --branch main " + url + " " + dir,
                "cd " + dir,
                "sed -i 's/newTag: .*/newTag: 2.0." + n + "/' " + file,
                "git -c user.name=Kargo -c user.email=no-reply@kargo.io commit -q -am 'promote " + file + " to 2.0." + n + "'",
                "git push -q origin main",
                "times");
        long began = System.nanoTime();
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("shell promotion failed: " + output);
        }
        long took = System.nanoTime() - began;
        deleteRecursively(dir);
        return new Sample(took, childrenCpu(output), new long[0], new long[0]);
    }

    /** Records the wall and CPU time of the calling thread's phases, one after the other. */
    private static final class Phase {
        private final long[] wall;
        private final long[] cpu;
        private int next;
        private long wallMark = System.nanoTime();
        private long cpuMark = CPU.getCurrentThreadCpuTime();

        Phase(long[] wall, long[] cpu) {
            this.wall = wall;
            this.cpu = cpu;
        }

        void end() {
            long nowWall = System.nanoTime();
            long nowCpu = CPU.getCurrentThreadCpuTime();
            wall[next] = nowWall - wallMark;
            cpu[next++] = nowCpu - cpuMark;
            wallMark = nowWall;
            cpuMark = nowCpu;
        }
    }

    /** The second line of {@code times}: children's user and system time, e.g. {@code 0m0.412s 0m0.388s}. */
    private static long childrenCpu(String times) {
        List<String> lines = times.strip().lines().toList();
        Matcher m = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s").matcher(lines.get(lines.size() - 1));
        if (!m.matches()) {
            throw new IllegalStateException("unexpected output of times: " + times);
        }
        double secs = Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4));
        return (long) (secs * 1e9);
    }

    private static void check(StepResult result) {
        if (result.status() != StepStatus.Succeeded) {
            throw new IllegalStateException(result.status() + ": " + result.message());
        }
    }

    /** Spreads promotions over apps and stages, so concurrent ones edit different files. */
    private static String kustomization(int n) {
        return path(n % APPS, STAGES.get((n / APPS) % STAGES.size()));
    }

    private static String path(int app, String stage) {
        return String.format(Locale.ROOT, "apps/app-%04d/%s/kustomization.yaml", app, stage);
    }

    private static String content(int app, String tag) {
        return String.format(Locale.ROOT, """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                - ../base
                images:
                - name: registry.example.com/team/app-%04d
                  newTag: %s
                """, app, tag);
    }

    /** One commit with every file, then commits that each bump one image tag. */
    private static void generate(Path bare) throws IOException, InterruptedException {
        BareRepository.git(bare.getParent(), "init", "-q", "--bare", "--initial-branch=main", bare.toString());
        Process fastImport = new ProcessBuilder("git", "fast-import", "--quiet").directory(bare.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream out = new BufferedOutputStream(fastImport.getOutputStream(), 1 << 20)) {
            long time = 1_700_000_000L;
            StringBuilder commit = new StringBuilder();
            for (int c = 0; c < COMMITS; c++) {
                commit.setLength(0);
                String message = c == 0 ? "initial layout" : "bump app " + (c % APPS);
                commit.append("commit refs/heads/main\ncommitter Bench <bench@example.com> ").append(time + c * 60L)
                        .append(" +0000\n").append(data(message));
                if (c == 0) {
                    for (int app = 0; app < APPS; app++) {
                        for (String stage : STAGES) {
                            commit.append("M 100644 inline ").append(path(app, stage)).append('\n').append(data(content(app, "1.0.0")));
                        }
                    }
                } else {
                    int app = c % APPS;
                    commit.append("M 100644 inline ").append(path(app, STAGES.get(c % STAGES.size()))).append('\n')
                            .append(data(content(app, "1.0." + c)));
                }
                commit.append('\n');
                out.write(commit.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (fastImport.waitFor() != 0) {
            throw new IOException("git fast-import failed");
        }
        BareRepository.git(bare, "repack", "-a", "-d", "-q");
    }

    private static String data(String text) {
        return "data " + text.getBytes(StandardCharsets.UTF_8).length + "\n" + text + "\n";
    }

    private static long median(List<Sample> samples, ToLongFunction<Sample> value) {
        long[] sorted = samples.stream().mapToLong(value).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
