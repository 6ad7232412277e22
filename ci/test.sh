#!/usr/bin/env bash
# Runs every test against real servers: installs the tools, starts the services on loopback, builds and tests the
# whole reactor, and stops the services whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install.sh
trap 'ci/services.sh stop' EXIT
ci/services.sh start
mvn -B -ntp install "$@"
