#!/usr/bin/env bash
# Screenshots of the Freight view in both themes from a running demo (ci/demo.sh in another terminal), into
# docs/images/, in Debian's headless Chromium (ci/install.sh installs it).
# Usage: ci/screenshots.sh [URL (http://127.0.0.1:8080/)]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -ntp -o -pl cli test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" > /dev/null
java -cp "cli/target/test-classes:cli/target/classes:$(cat "$cp_file")" \
  io.jenkins.plugins.kargo.cli.web.DemoScreenshots "${1:-http://127.0.0.1:8080/}" docs/images 2> /dev/null
echo "docs/images/freight-view-light.png docs/images/freight-view-dark.png"
