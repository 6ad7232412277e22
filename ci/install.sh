#!/usr/bin/env bash
# Installs what the build, the tests and the demo need on a fresh machine of this kind (Debian, JDK 17, Maven,
# Node.js): the OCI registry, skopeo (benchmark baseline), htpasswd, openssl (the token registry's key),
# Prometheus and promtool (verification tests), Chromium and its driver (the Freight view's browser tests, driven
# by Selenium with both paths named: nothing downloads a browser), and Verdaccio from npm. Idempotent and quick when everything is
# already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(docker-registry skopeo apache2-utils curl python3 openssl prometheus chromium chromium-driver)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

# Verdaccio lives outside the repository, keyed by the package files that pin it.
VERDACCIO_HOME=${VERDACCIO_HOME:-$HOME/.cache/kargo-ci/verdaccio}
if ! cmp -s ci/verdaccio/package.json "$VERDACCIO_HOME/package.json" \
   || ! cmp -s ci/verdaccio/package-lock.json "$VERDACCIO_HOME/package-lock.json" \
   || [[ ! -x $VERDACCIO_HOME/node_modules/verdaccio/bin/verdaccio ]]; then
  echo "installing Verdaccio into $VERDACCIO_HOME"
  mkdir -p "$VERDACCIO_HOME"
  cp ci/verdaccio/package.json ci/verdaccio/package-lock.json "$VERDACCIO_HOME/"
  (cd "$VERDACCIO_HOME" && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
fi
echo "tools ready: $(docker-registry --version 2>&1 | head -1); skopeo $(skopeo --version | awk '{print $3}'); verdaccio $(node "$VERDACCIO_HOME/node_modules/verdaccio/bin/verdaccio" --version)"
