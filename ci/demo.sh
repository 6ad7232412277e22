#!/usr/bin/env bash
# The main job. On a fresh machine of this kind:
#
#   ci/demo.sh              installs the tools, starts the OCI registry and Verdaccio (ci/services.sh), publishes the
#                           seed's three services and three npm packages in alpha, beta and stable versions, starts the
#                           sandbox (a bare GitOps repository with the seed's overlays, a simulated cluster, an HTTP app
#                           per stage, Prometheus with canary data), applies the seed-shaped project that points at them
#                           and runs `kargo serve`, printing the Freight view's address and the admin's token. Ctrl-C
#                           stops it and the sandbox.
#   ci/demo.sh next         (another terminal) publishes the next version of the services and packages: the warehouses
#                           find it within 15 s and it flows dev → staging again, up to the uat gate
#   ci/demo.sh canary failing|healthy
#                           turns the simulated canary in preprod bad (its analysis fails) or good again
#   ci/demo.sh discovery    the smaller example: discovery only, in rounds, ending in `kargo get freight -o wide`
#
# The registry, Verdaccio, git, Prometheus, the stage apps and kargo serve are real and local; the cluster is not
# (no Kubernetes API server runs here): fabric8's mock API server with stand-ins for Argo CD and the Job controller.
# The services keep running afterwards; `ci/services.sh stop` ends them.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=.demo
export KARGO_HOME=$PWD/$demo/state

publish() { java -cp "testkit/target/classes:testkit/target/lib/*" io.jenkins.plugins.kargo.testkit.DemoArtifacts "$@"; }
services_env() { set -a; source .services/env; set +a; }

start() {
  ci/install.sh
  setsid ci/services.sh start # a session of their own: Ctrl-C on kargo serve leaves them running
  services_env
  mvn -q -B -ntp -DskipTests install
  rm -rf "$demo"; mkdir -p "$demo"

  echo "== starting the sandbox (GitOps repository, simulated cluster, stage apps, Prometheus)"
  java -cp "sandbox/target/classes:sandbox/target/lib/*" io.jenkins.plugins.kargo.sandbox.Sandbox "$demo" \
    > "$demo/sandbox.log" 2>&1 &
  local sandbox=$!
  echo $sandbox > "$demo/sandbox.pid"
  trap 'kill $sandbox 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do # the sandbox prints one line when it is ready; bounded to 60 s
    grep -q '^sandbox ready' "$demo/sandbox.log" && break
    if ! kill -0 $sandbox 2>/dev/null; then echo "the sandbox exited; its log:" >&2; cat "$demo/sandbox.log" >&2; exit 1; fi
    sleep 0.1
  done
  grep -q '^sandbox ready' "$demo/sandbox.log" || { echo "the sandbox did not start in 60 s:" >&2; cat "$demo/sandbox.log" >&2; exit 1; }
  set -a; source "$demo/sandbox.env"; set +a

  # the dashboard's rbac.adminUsers may approve; the token names that user
  local admin=admin@yourdomain.com token
  token=$(openssl rand -hex 24)
  (umask 077; echo "$admin: $token" > "$demo/tokens.yaml")
  echo "== applying the seed-shaped project (its warnings about the seed's older field names: $demo/apply.log)"
  bin/kargo apply -f "$demo/kargo" 2> "$demo/apply.log" > /dev/null

  # an alpha, a beta and a stable release, each discovered as it comes, as a CI pipeline would publish them
  for round in "v1.0.0-alpha.1|1.0.0-alpha.1" "v1.0.0-beta.1|1.0.0-beta.1" "v1.0.0 latest|1.0.0"; do
    echo "== publishing images ${round%%|*} and packages ${round##*|}"
    publish images ${round%%|*} >> "$demo/publish.log"
    publish packages ${round##*|} >> "$demo/publish.log"
    bin/kargo refresh warehouse services-warehouse --project myapp 2>> "$demo/publish.log"
    bin/kargo refresh warehouse packages-warehouse --project myapp 2>> "$demo/publish.log"
  done
  echo 0 > "$demo/release"

  cat <<EOF

== kargo serve: open the address it prints below. Sign in on the page as $admin with the token
   $token
   Freight flows dev → staging on passing checks and waits at the uat gate. In another terminal:
   ci/demo.sh next                 publish the next version
   ci/demo.sh canary failing       make preprod's canary analysis fail (healthy: back again)

EOF
  bin/kargo serve --tick 2s --port "${KARGO_DEMO_PORT:-8080}" --tokens "$demo/tokens.yaml" \
    --banner "Demo sandbox: the cluster is simulated (fabric8's mock API server, stand-ins for Argo CD and the Job controller); the registry, Verdaccio, git, Prometheus and the stage apps are real and local."
}

next() {
  services_env
  local n
  n=$(( $(cat "$demo/release" 2>/dev/null || echo 0) + 1 ))
  echo "== publishing images v1.$n.0 and packages 1.$n.0"
  publish images "v1.$n.0" latest
  publish packages "1.$n.0"
  echo $n > "$demo/release"
}

canary() {
  [[ ${1:-} == failing || ${1:-} == healthy ]] || { echo "usage: $0 canary failing|healthy" >&2; exit 2; }
  set -a; source "$demo/sandbox.env"; set +a
  curl -fsS -X POST "$SANDBOX_CONTROL/canary/$1"
  echo "the simulated canary in preprod is $1"
}

discovery() {
  ci/install.sh
  setsid ci/services.sh start
  services_env
  mvn -q -B -ntp -DskipTests install
  rm -rf "$demo"; mkdir -p "$demo"
  # The example names harbor.yourdomain.com and verdaccio.yourdomain.com; here they are the local servers.
  cp -r examples/myapp/kargo "$demo/kargo"
  find "$demo/kargo" -name '*.yaml' -exec sed -i \
    -e "s#harbor.yourdomain.com#$KARGO_TEST_REGISTRY#g" \
    -e "s#https://verdaccio.yourdomain.com#$KARGO_TEST_NPM_REGISTRY#g" {} +
  run() { echo; echo "\$ kargo $*"; bin/kargo "$@"; }
  run apply -f "$demo/kargo"
  # Versions arrive over time, as a CI pipeline would publish them; each refresh makes Freight of the newest.
  # Tags the example's patterns refuse (latest, sha-...) never become Freight.
  for round in "v1.1.0 latest sha-4b90c49|1.0.0" "v1.2.3-alpha.20241114153045|1.1.0-alpha.1" \
               "v1.2.3-beta.1 latest|1.1.0-beta.1" "v1.2.3 latest|1.1.0"; do
    echo; echo "== publishing images ${round%%|*} and packages ${round##*|}"
    publish images ${round%%|*} > /dev/null
    publish packages ${round##*|} > /dev/null
    run refresh warehouse services-warehouse --project myapp 2> /dev/null
    run refresh warehouse packages-warehouse --project myapp 2> /dev/null
  done
  run get warehouses --project myapp
  run get freight --project myapp -o wide
}

case "${1:-start}" in
  start) start ;;
  next) next ;;
  canary) canary "${2:-}" ;;
  discovery) discovery ;;
  *) echo "usage: $0 [start | next | canary failing|healthy | discovery]" >&2; exit 2 ;;
esac
