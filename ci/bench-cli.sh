#!/usr/bin/env bash
# CLI start-up benchmark (not a test): wall and CPU (user + system) seconds of whole `kargo` processes, the launch
# the CLI had before next to bin/kargo's launch now, in turns, and their ratio. See docs/performance.md.
#   before: `java -cp JAR:lib/*`: classes loaded from the jars, SQLite's native library extracted on every run, the
#           JVM's default compilers (bin/kargo with KARGO_CDS=0 launches exactly so)
#   after:  bin/kargo: classes mapped from the AppCDS archive made on first use, the native library extracted once,
#           the quick compiler only (C1)
# Commands: `kargo --version`; `kargo get freight` on the example project with 20 Freight; `kargo promote --wait`
# of a stage whose steps clone a local git repository, set an image in a kustomization, commit and push.
# Usage: ci/bench-cli.sh [ROUNDS (7)]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
mvn -q -o -B install -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
state=$work/state
kargo() { bin/kargo "$@" --state "$state"; }
seed_classpath="core/target/test-classes:$(ls cli/target/kargo-cli-*.jar | grep -v -- -sources | head -1):cli/target/lib/*"

# The example project with 20 Freight (as ci/bench-state.sh), made with the launch now (it makes the archive).
kargo apply -f examples/myapp/kargo > /dev/null 2>&1
java -cp "$seed_classpath" io.jenkins.plugins.kargo.state.StoreOpenBenchmark seed "$state" myapp 20

# Project `bench`: one stage promoting into a local bare repository; two Freight to promote in turn.
git init -q --bare --initial-branch=main "$work/gitops.git"
git init -q --initial-branch=main "$work/seed"
mkdir -p "$work/seed/overlays/dev"
printf 'images:\n- name: registry.local/app\n  newTag: v0\n' > "$work/seed/overlays/dev/kustomization.yaml"
git -C "$work/seed" add -A
git -C "$work/seed" -c user.name=bench -c user.email=bench@example.com commit -q -m initial
git -C "$work/seed" push -q "$work/gitops.git" main
mkdir -p "$work/bench"
cat > "$work/bench/project.yaml" <<EOF
apiVersion: kargo.akuity.io/v1alpha1
kind: Project
metadata: {name: bench}
---
apiVersion: kargo.akuity.io/v1alpha1
kind: Warehouse
metadata: {name: services-warehouse, namespace: bench}
spec:
  subscriptions:
    - image: {repoURL: registry.local/app}
---
apiVersion: kargo.akuity.io/v1alpha1
kind: Stage
metadata: {name: dev, namespace: bench}
spec:
  requestedFreight:
    - origin: {kind: Warehouse, name: services-warehouse}
      sources: {direct: true}
  promotionTemplate:
    spec:
      steps:
        - uses: git-clone
          config:
            repoURL: $work/gitops.git
            checkout: [{branch: main, path: ./out}]
        - uses: kustomize-set-image
          as: update
          config:
            path: ./out/overlays/dev
            images: [{image: registry.local/app, tag: '\${{ imageFrom("registry.local/app").Tag }}'}]
        - uses: git-commit
          config: {path: ./out, message: '\${{ outputs.update.commitMessage }}'}
        - uses: git-push
          config: {path: ./out}
EOF
kargo apply -f "$work/bench" > /dev/null 2>&1
java -cp "$seed_classpath" io.jenkins.plugins.kargo.state.StoreOpenBenchmark seed "$state" bench 2
mapfile -t freight < <(kargo get freight --project bench | awk 'NR > 1 { print $1 }')
[[ ${#freight[@]} == 2 ]] || { echo "expected 2 Freight in project bench" >&2; exit 1; }

# One run: prints "wall cpu"; fails loudly when the command does.
measure() { # variant (before|after), command words...
  local variant=$1
  shift
  local cds=1
  [[ $variant == before ]] && cds=0
  if ! KARGO_CDS=$cds /usr/bin/time -f '%e %U %S' -o "$work/time" bin/kargo "$@" > "$work/out" 2>&1; then
    echo "failed ($variant): kargo $*" >&2
    cat "$work/out" >&2
    exit 1
  fi
  read -r wall user sys < "$work/time"
  echo "$wall $(echo "$user + $sys" | bc)"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/results"
promotion=0
for round in $(seq "$rounds"); do
  for variant in before after; do
    echo "version $variant $(measure "$variant" --version)" >> "$work/results"
    echo "get-freight $variant $(measure "$variant" get freight --project myapp --state "$state")" >> "$work/results"
    f=${freight[$((promotion++ % 2))]}
    echo "promote $variant $(measure "$variant" promote --stage dev --freight "$f" --wait --project bench \
      --state "$state")" >> "$work/results"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
printf '%-22s %13s %13s %12s %12s %12s %12s\n' command 'before wall s' 'after wall s' 'wall ratio' \
  'before CPU s' 'after CPU s' 'CPU ratio'
for command in version get-freight promote; do
  bw=$(awk -v c=$command '$1 == c && $2 == "before" { print $3 }' "$work/results" | median)
  aw=$(awk -v c=$command '$1 == c && $2 == "after" { print $3 }' "$work/results" | median)
  bc=$(awk -v c=$command '$1 == c && $2 == "before" { print $4 }' "$work/results" | median)
  ac=$(awk -v c=$command '$1 == c && $2 == "after" { print $4 }' "$work/results" | median)
  printf '%-22s %13.2f %13.2f %11.2fx %12.2f %12.2f %11.2fx\n' "$command" "$bw" "$aw" "$(echo "$bw / $aw" | bc -l)" \
    "$bc" "$ac" "$(echo "$bc / $ac" | bc -l)"
done
echo "medians of $rounds rounds; ratio = before / after (above 1: faster now); target: get-freight at least 3x faster"
