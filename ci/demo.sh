#!/usr/bin/env bash
# The main job on a fresh machine: installs the tools, starts a local OCI registry and Verdaccio, fills them with
# sample versions of the example project's three services and three packages, and runs discovery for
# examples/myapp with the `kargo` command, ending in `kargo get freight -o wide`.
# The services keep running afterwards so you can go on with bin/kargo; `ci/services.sh stop` ends them.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install.sh
ci/services.sh start
set -a; source .services/env; set +a
mvn -q -B -ntp -DskipTests install

publish() { java -cp "testkit/target/classes:testkit/target/lib/*" io.jenkins.plugins.kargo.testkit.DemoArtifacts "$@"; }

# The example names harbor.yourdomain.com and verdaccio.yourdomain.com; here they are the local servers.
demo=.demo
rm -rf "$demo"; mkdir -p "$demo"
cp -r examples/myapp/kargo "$demo/kargo"
find "$demo/kargo" -name '*.yaml' -exec sed -i \
  -e "s#harbor.yourdomain.com#$KARGO_TEST_REGISTRY#g" \
  -e "s#https://verdaccio.yourdomain.com#$KARGO_TEST_NPM_REGISTRY#g" {} +
export KARGO_HOME=$PWD/$demo/state

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
