#!/usr/bin/env bash
# Runs every test against real servers: installs the tools, starts the services on loopback, builds and tests the
# whole reactor, and stops the services whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install.sh
trap 'ci/services.sh stop' EXIT
ci/services.sh start
mvn -B -ntp install "$@"
# The engine again, compiled and tested against the fabric8 and JGit the .hpi runs on (Jenkins' kubernetes-client-api
# and git-client plugins): the tests that touch them, and the plugin's unit tests (docs/jenkins.md).
mvn -B -ntp -P jenkins-libraries -pl core,plugin/pom-mirror.xml -am test \
    -Dtest="$(paste -sd, ci/jenkins-libraries-tests)" -Dsurefire.failIfNoSpecifiedTests=false "$@"
