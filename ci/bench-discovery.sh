#!/usr/bin/env bash
# Discovery benchmark (not a test): fills the local registry with one repository of 10,000 tags and 100 of 200 tags
# (once; the registry keeps them), then prints requests and wall time of the engine's SemVer discovery next to
# `skopeo list-tags` for the same repositories, and the time to parse and order 10,000 tags. Then, in a JVM of
# -Xmx256m, the scale workload: 1,000 repositories x 100 tags (filled once), discovered 8 at a time, cold and warm,
# with requests, wall time and peak heap, and 10 discovered at once under the default rate limit.
# See docs/performance.md.
# Usage: ci/bench-discovery.sh [requests-per-second|default] [repeats] [scale repositories (1000)] [scale tags (100)]
#   requests-per-second: the engine's per-registry rate limit (default: the engine's own, Kargo's 20/s)
set -euo pipefail
cd "$(dirname "$0")/.."
registry=$(grep -s '^KARGO_TEST_REGISTRY=' .services/env | cut -d= -f2 || true)
if [[ -z $registry ]] || ! curl -sf "http://$registry/v2/" > /dev/null; then
  ci/services.sh start
fi
mvn -q -B install -DskipTests
# This worktree's own classes, not the kargo jars in ~/.m2, which any other build on the machine may overwrite.
mvn -q -B -pl core dependency:build-classpath -DexcludeGroupIds=io.jenkins.plugins \
  -Dmdep.outputFile=target/bench.classpath
# Run from a copy of the classes, so that a build in this worktree during the run cannot change them under it.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
for module in core/target/classes core/target/test-classes testkit/target/classes; do
  mkdir -p "$copy/$module" && cp -r "$module/." "$copy/$module"
done
classpath="$copy/core/target/test-classes:$copy/core/target/classes:$copy/testkit/target/classes:$(cat core/target/bench.classpath)"
java -cp "$classpath" io.jenkins.plugins.kargo.discovery.image.DiscoveryBenchmark "${1:-default}" "${2:-3}"
java -Xmx256m -cp "$classpath" io.jenkins.plugins.kargo.discovery.image.DiscoveryBenchmark scale "${3:-1000}" "${4:-100}"
