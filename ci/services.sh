#!/usr/bin/env bash
# Starts the real servers the tests, benchmarks and the demo talk to, all on loopback, on ports chosen free now:
#   - an anonymous OCI registry (Debian's docker-registry)
#   - an OCI registry with basic auth (htpasswd)
#   - an OCI registry with token auth (docker-registry's `auth: token:`) and its token server, a Java program of
#     the testkit module that signs RS256 JWTs with a key made here by openssl
#   - Verdaccio (npm), read anonymously, publish and read of @private/* with a login
# Usage: ci/services.sh start|stop|env      (state in .services/, env file .services/env)
# Needs: docker-registry, htpasswd (apache2-utils), openssl, node/npm, java and mvn; `ci/install.sh` installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE=$ROOT/.services
ENV_FILE=$STATE/env
VERDACCIO_HOME=${VERDACCIO_HOME:-$HOME/.cache/kargo-ci/verdaccio}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# How long a server may take to answer after it was started: a loaded machine starts Verdaccio slowly.
START_SECONDS=${KARGO_SERVICES_START_SECONDS:-180}

wait_http() { # url, expected-status-regex, name, pidfile
  local deadline=$((SECONDS + START_SECONDS))
  while ((SECONDS < deadline)); do
    code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$1" || true)
    if [[ $code =~ $2 ]]; then return 0; fi
    if ! kill -0 "$(cat "$4")" 2>/dev/null; then echo "$3 exited; its log:" >&2; cat "$STATE/$3.log" >&2; return 1; fi
    sleep 0.1 # polling a child process that has no readiness signal; bounded by START_SECONDS
  done
  echo "$3 did not answer at $1 within ${START_SECONDS}s; its log:" >&2; cat "$STATE/$3.log" >&2; return 1
}

start_registry() { # name, port, [auth section as YAML flow mapping]
  local name=$1 port=$2 auth=${3:-}
  mkdir -p "$STATE/$name/data"
  {
    echo "version: 0.1"
    echo "log: {level: warn, accesslog: {disabled: true}}"
    echo "storage: {filesystem: {rootdirectory: $STATE/$name/data}, delete: {enabled: true}}"
    echo "http: {addr: 127.0.0.1:$port}"
    if [[ -n $auth ]]; then echo "auth: $auth"; fi
  } > "$STATE/$name/config.yml"
  docker-registry serve "$STATE/$name/config.yml" > "$STATE/$name.log" 2>&1 &
  echo $! > "$STATE/$name.pid"
  wait_http "http://127.0.0.1:$port/v2/" '^(200|401)$' "$name" "$STATE/$name.pid"
}

start_token_registry() { # registry port, token server port, user, password
  local port=$1 token_port=$2 user=$3 pass=$4 dir=$STATE/token-server
  local issuer=kargo-test-token-issuer service=kargo-test-token-registry
  mkdir -p "$dir"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/key.pem" 2> "$dir/openssl.log"
  openssl req -x509 -key "$dir/key.pem" -out "$dir/cert.pem" -days 30 -subj "/CN=$issuer" 2>> "$dir/openssl.log"
  # The token server is a class of the testkit module: compile it and ask Maven for its classpath.
  if ! mvn -q -B -pl testkit compile dependency:build-classpath -Dmdep.outputFile="$dir/classpath" \
      > "$dir/build.log" 2>&1; then
    echo "building the token server (testkit) failed; its log:" >&2; cat "$dir/build.log" >&2; return 1
  fi
  # Run from a copy: the build that follows recompiles testkit/target/classes under the running server.
  cp -r "$ROOT/testkit/target/classes" "$dir/classes"
  KARGO_TOKEN_SERVER_PASSWORD=$pass java -cp "$dir/classes:$(cat "$dir/classpath")" \
    io.jenkins.plugins.kargo.testkit.RegistryTokenServer "$token_port" "$issuer" "$service" \
    "$dir/key.pem" "$dir/cert.pem" "$user" > "$STATE/token-server.log" 2>&1 &
  echo $! > "$STATE/token-server.pid"
  wait_http "http://127.0.0.1:$token_port/token?service=$service" '^200$' token-server "$STATE/token-server.pid"
  start_registry registry-token "$port" "{token: {realm: 'http://127.0.0.1:$token_port/token', service: $service, \
issuer: $issuer, rootcertbundle: '$dir/cert.pem'}}"
}

start_verdaccio() { # port
  local port=$1 dir=$STATE/verdaccio
  mkdir -p "$dir/storage"
  : > "$dir/htpasswd"
  cat > "$dir/config.yaml" <<YAML
storage: $dir/storage
auth:
  htpasswd:
    file: $dir/htpasswd
    max_users: 1000
uplinks: {}
packages:
  '@private/*':
    access: \$authenticated
    publish: \$authenticated
  '**':
    access: \$all
    publish: \$authenticated
server:
  keepAliveTimeout: 60
security:
  api:
    jwt:
      sign:
        expiresIn: 1d
log: {type: stdout, format: pretty, level: warn}
YAML
  node "$VERDACCIO_HOME/node_modules/verdaccio/bin/verdaccio" --config "$dir/config.yaml" --listen "127.0.0.1:$port" \
    > "$STATE/verdaccio.log" 2>&1 &
  echo $! > "$STATE/verdaccio.pid"
  wait_http "http://127.0.0.1:$port/-/ping" '^200$' verdaccio "$STATE/verdaccio.pid"
}

stop() {
  for pidfile in "$STATE"/*.pid; do
    [[ -e $pidfile ]] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

start() {
  stop
  rm -rf "$STATE"; mkdir -p "$STATE"
  local reg_port auth_port token_reg_port token_port npm_port
  reg_port=$(free_port); auth_port=$(free_port); token_reg_port=$(free_port); token_port=$(free_port)
  npm_port=$(free_port)
  local user=kargo-test pass token_user=kargo-token-test token_pass
  pass=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  token_pass=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  htpasswd -Bbc "$STATE/registry.htpasswd" "$user" "$pass" > /dev/null 2>&1
  start_registry registry "$reg_port"
  start_registry registry-auth "$auth_port" "{htpasswd: {realm: kargo-test, path: '$STATE/registry.htpasswd'}}"
  start_token_registry "$token_reg_port" "$token_port" "$token_user" "$token_pass"
  start_verdaccio "$npm_port"
  cat > "$ENV_FILE" <<ENV
KARGO_TEST_REGISTRY=127.0.0.1:$reg_port
KARGO_TEST_AUTH_REGISTRY=127.0.0.1:$auth_port
KARGO_TEST_AUTH_REGISTRY_USER=$user
KARGO_TEST_AUTH_REGISTRY_PASSWORD=$pass
KARGO_TEST_TOKEN_REGISTRY=127.0.0.1:$token_reg_port
KARGO_TEST_TOKEN_REGISTRY_USER=$token_user
KARGO_TEST_TOKEN_REGISTRY_PASSWORD=$token_pass
KARGO_TEST_TOKEN_SERVER=http://127.0.0.1:$token_port/token
KARGO_TEST_NPM_REGISTRY=http://127.0.0.1:$npm_port
ENV
  echo "services started; environment in $ENV_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) cat "$ENV_FILE" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
