#!/usr/bin/env bash
# State store benchmark (not a test): per checkout, a fresh state directory with the example project applied and
# 20 Freight, then ROUNDS times, checkouts interleaved: KargoStore.open+close in a fresh JVM (wall and CPU
# milliseconds, measured inside the JVM) and `kargo get freight` (wall and CPU seconds of the whole process).
# See docs/performance.md, "State store".
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

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %5s %13s %12s %18s %17s\n' checkout round 'open wall ms' 'open CPU ms' 'get freight wall s' 'get freight CPU s'
for round in $(seq "$rounds"); do
  for i in "${!roots[@]}"; do
    root=${roots[$i]}
    read -r open_wall open_cpu < <(java -cp "$(classpath "$root")" io.jenkins.plugins.kargo.state.StoreOpenBenchmark open "$work/$i")
    /usr/bin/time -f '%e %U %S' -o "$work/time" java -cp "$(classpath "$root")" io.jenkins.plugins.kargo.cli.KargoCommand \
      get freight --state "$work/$i" > "$work/out"
    [[ $(wc -l < "$work/out") == 21 ]] || { echo "expected 20 Freight and a header from $root:" >&2; cat "$work/out" >&2; exit 1; }
    read -r wall user sys < "$work/time"
    printf '%-28s %5s %13s %12s %18s %17.2f\n' "$(basename "$root")" "$round" "$open_wall" "$open_cpu" "$wall" \
      "$(echo "$user + $sys" | bc)" | tee -a "$work/results"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!roots[@]}"; do
  name=$(basename "${roots[$i]}")
  printf '%-28s %5s' "$name" median
  for column in 3 4 5 6; do
    awk -v name="$name" -v c=$column '$1 == name { print $c }' "$work/results" | sort -n \
      | awk '{ v[NR] = $1 } END { printf " %15s", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
  done
  echo
done
