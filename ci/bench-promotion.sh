#!/usr/bin/env bash
# Promotion benchmark (not a test): generates a GitOps repository of 10,000 files and 5,000 commits with
# `git fast-import`, serves it with `git daemon` on loopback, then prints the latency of one promotion with a warm
# cache through the engine's git steps next to the shell baseline (git clone, sed, git commit, git push) run side by
# side, their ratio, and the throughput of 25 concurrent promotions into one branch. See docs/performance.md.
# Usage: ci/bench-promotion.sh [iterations (10); 0 skips the side-by-side latency] [concurrent promotions (25)]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -B install -DskipTests
mvn -q -o -B -pl core dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
# Run from a copy of the classes, so that a build in this worktree during the run cannot change them under it.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r core/target/classes "$copy/classes"
cp -r core/target/test-classes "$copy/test-classes"
java ${BENCH_JAVA_OPTS:-} -cp "$copy/test-classes:$copy/classes:$(cat core/target/bench.classpath)" \
  io.jenkins.plugins.kargo.promotion.git.PromotionBenchmark "$@"
