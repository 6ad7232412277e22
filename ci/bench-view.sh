#!/usr/bin/env bash
# The Freight view's benchmark (not a test): time to a usable page in headless Chromium for a pipeline of STAGES
# stages and FREIGHT Freight, beside the seed's 5 stages and 6 Freight, ROUNDS times in turn; see
# docs/performance.md, "The Freight view". Needs Debian's chromium and chromium-driver (ci/install.sh) and a build
# (mvn -q -B install -DskipTests).
# Usage: ci/bench-view.sh [ROUNDS] [STAGES] [FREIGHT]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -ntp -o -pl cli test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" > /dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "cli/target/test-classes:cli/target/classes:$(cat "$cp_file")" \
  io.jenkins.plugins.kargo.cli.web.FreightViewBenchmark "${1:-11}" "${2:-20}" "${3:-1000}" 2> /dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
