#!/usr/bin/env bash
# State store benchmark (not a test): per checkout, a fresh state directory with the example project applied and
# 20 Freight, then ROUNDS times, checkouts interleaved: KargoStore.open+close in a fresh JVM (milliseconds measured
# inside the JVM) and the wall time of `kargo get freight`. See docs/performance.md, "State store".
# Usage: ci/bench-state.sh [ROUNDS] [OTHER-CHECKOUT...]   (checkouts must be built: mvn -q -o -B install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
shift || true
roots=("$PWD" "$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

classpath() {
  echo "$(ls "$1"/cli/target/kargo-cli-*.jar | grep -v -- -sources | head -1):$1/cli/target/lib/*:$1/core/target/test-classes"
}

for i in "${!roots[@]}"; do
  root=${roots[$i]}
  java -cp "$(classpath "$root")" io.jenkins.plugins.kargo.cli.KargoCommand apply -f examples/myapp/kargo \
    --state "$work/$i" > /dev/null 2>&1
  java -cp "$(classpath "$root")" io.jenkins.plugins.kargo.state.StoreOpenBenchmark seed "$work/$i" myapp 20
done

printf '%-40s %6s %18s %22s\n' checkout round 'open+close (ms)' 'kargo get freight (s)'
for round in $(seq "$rounds"); do
  for i in "${!roots[@]}"; do
    root=${roots[$i]}
    open=$(java -cp "$(classpath "$root")" io.jenkins.plugins.kargo.state.StoreOpenBenchmark open "$work/$i")
    start=$(date +%s.%N)
    lines=$(java -cp "$(classpath "$root")" io.jenkins.plugins.kargo.cli.KargoCommand get freight --state "$work/$i" | wc -l)
    end=$(date +%s.%N)
    [[ $lines == 21 ]] || { echo "expected 20 Freight and a header from $root, got $lines lines" >&2; exit 1; }
    printf '%-40s %6s %18s %22.2f\n' "$root" "$round" "$open" "$(echo "$end - $start" | bc)"
  done
done
