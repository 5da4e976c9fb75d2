#!/usr/bin/env bash
# Builds the Thermobus image with podman and checks the running container from the outside:
# readiness, a REST write, a non-root user, the image's HEALTHCHECK and a clean exit on SIGTERM.
#
# No image registry is reachable here, so the base images named by the Dockerfile's FROM lines
# are replaced, when missing, by stand-ins built from a debootstrapped Debian and Debian's JDK
# (and Maven). Stand-ins stay in podman's image store, so later runs skip that part.
# Needs root and network access to Debian's mirror and Maven Central; no Docker engine. Installs
# the Debian packages podman, runc, debootstrap and curl (without recommends) when they are missing.
#
# Environment (all optional):
#   THERMOBUS_IMAGE            image tag to build                  (thermobus:test)
#   THERMOBUS_DEBIAN_MIRROR    mirror for debootstrap              (http://deb.debian.org/debian)
#   THERMOBUS_READY_SECONDS    how long to wait for /health/ready  (180)
#   THERMOBUS_REBUILD_STANDINS set to 1 to rebuild the stand-in base images
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$ROOT/src/test/container
IMAGE=${THERMOBUS_IMAGE:-thermobus:test}
MIRROR=${THERMOBUS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
READY_SECONDS=${THERMOBUS_READY_SECONDS:-180}
STOP_SECONDS=30
STANDIN_BASE=localhost/thermobus-standin/debian:$SUITE
RUNTIME_PACKAGES="openjdk-17-jre-headless passwd"
BUILD_PACKAGES="openjdk-17-jdk-headless maven passwd"
APT_PACKAGES="podman runc debootstrap curl"
export CONTAINERS_CONF=${CONTAINERS_CONF:-$HERE/containers.conf}
PODMAN=(podman --runtime runc)
NAME=thermobus-test-$$-$RANDOM
ROOTFS=""
STARTED=$SECONDS

step() { printf '\n==> [%4ds] %s\n' "$((SECONDS - STARTED))" "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
note() { printf '    note: %s\n' "$*"; }
fail() { printf '    FAILED: %s\n' "$*" >&2; exit 1; }

cleanup() {
  local rc=$?
  if "${PODMAN[@]}" container exists "$NAME" 2>/dev/null; then
    if ((rc != 0)); then
      printf '\n--- last lines of the container log ---\n'
      timeout 30 "${PODMAN[@]}" logs --tail 60 "$NAME" 2>&1 || true
      printf -- '---\n'
    fi
    timeout 60 "${PODMAN[@]}" rm --force --time 5 "$NAME" >/dev/null 2>&1 || true
  fi
  [[ -z $ROOTFS ]] || rm -rf "$ROOTFS" "$ROOTFS.tar" "$ROOTFS.log"
  if ((rc == 0)); then
    printf '\n==> [%4ds] PASSED: container build and run checks\n' "$((SECONDS - STARTED))"
  else
    printf '\n==> [%4ds] FAILED (exit %d)\n' "$((SECONDS - STARTED))" "$rc" >&2
  fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# docker.io/library/NAME:TAG for a short name, as podman resolves FROM lines.
qualify() {
  local name=$1 first=${1%%/*}
  if [[ $name != */* ]]; then
    name=docker.io/library/$name
  elif [[ $first != *.* && $first != *:* && $first != localhost ]]; then
    name=docker.io/$name
  fi
  [[ ${name##*/} == *[:@]* ]] || name=$name:latest
  printf '%s\n' "$name"
}

ensure_tools() {
  step "tools: podman, runc, debootstrap, curl"
  ((EUID == 0)) || fail "must run as root (rootful podman, debootstrap)"
  local missing=()
  for tool in podman runc debootstrap curl; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    command -v apt-get >/dev/null || fail "missing ${missing[*]} and no apt-get to install them"
    note "installing $APT_PACKAGES (missing: ${missing[*]})"
    timeout 300 apt-get update -qq
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends $APT_PACKAGES >/dev/null
  fi
  ok "$(podman --version), $(runc --version | head -n 1), CONTAINERS_CONF=$CONTAINERS_CONF"
}

standin_base() {
  if "${PODMAN[@]}" image exists "$STANDIN_BASE" && [[ ${THERMOBUS_REBUILD_STANDINS:-0} != 1 ]]; then
    ok "have $STANDIN_BASE"
    return
  fi
  ROOTFS=$(mktemp -d /var/tmp/thermobus-rootfs.XXXXXX)
  note "debootstrap --variant=minbase $SUITE from $MIRROR"
  timeout 900 debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 \
    || { tail -n 30 "$ROOTFS.log"; fail "debootstrap failed"; }
  rm -f "$ROOTFS.log"
  rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
  # Through a file, not a pipe: a failed tar must not leave a half-imported image behind.
  tar --numeric-owner -C "$ROOTFS" -cf "$ROOTFS.tar" .
  rm -rf "$ROOTFS"
  timeout 600 "${PODMAN[@]}" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' "$ROOTFS.tar" "$STANDIN_BASE" >/dev/null
  rm -f "$ROOTFS.tar"
  ROOTFS=""
  ok "imported $STANDIN_BASE"
}

# The host's locally added CA certificates, which the stand-ins trust as the host does.
local_cas() {
  find /usr/local/share/ca-certificates -maxdepth 1 -name '*.crt' -type f 2>/dev/null | sort
}

# Builds a stand-in for IMAGE with Debian PACKAGES unless a real or current stand-in image exists.
standin() {
  local image=$1 packages=$2 recipe have context
  recipe=$( (echo "$SUITE $packages"; cat "$HERE/standin/Containerfile"; local_cas | xargs -r cat) \
    | sha256sum | cut -c1-16)
  if "${PODMAN[@]}" image exists "$image"; then
    have=$("${PODMAN[@]}" image inspect --format '{{index .Labels "io.thermobus.standin"}}' "$image")
    if [[ -z $have || $have == "<no value>" ]]; then
      ok "$image exists and is not a stand-in: using it"
      return
    fi
    if [[ $have == "$recipe" && ${THERMOBUS_REBUILD_STANDINS:-0} != 1 ]]; then
      ok "$image: current stand-in"
      return
    fi
  fi
  standin_base
  note "building stand-in $image with $packages"
  context=$(mktemp -d /var/tmp/thermobus-standin.XXXXXX)
  mkdir "$context/local-ca"
  local_cas | xargs -r cp -t "$context/local-ca/"
  timeout 900 "${PODMAN[@]}" build --pull=never --network host \
    --build-arg "BASE=$STANDIN_BASE" --build-arg "PACKAGES=$packages" \
    --label "io.thermobus.standin=$recipe" \
    -t "$image" -f "$HERE/standin/Containerfile" "$context" >"$context.log" 2>&1 \
    || { tail -n 30 "$context.log"; rm -rf "$context" "$context.log"; fail "stand-in build of $image failed"; }
  rm -rf "$context" "$context.log"
  ok "$image: stand-in built"
}

ensure_base_images() {
  step "base images named by the Dockerfile's FROM lines"
  local images=() stages=() word prev
  # FROM [--platform=...] IMAGE [AS STAGE]; a FROM naming an earlier stage needs no image.
  while read -r -a word; do
    [[ ${word[0]:-} == [Ff][Rr][Oo][Mm] ]] || continue
    local i=1
    while [[ ${word[$i]:-} == --* ]]; do i=$((i + 1)); done
    local from=${word[$i]:-} is_stage=0
    for prev in "${stages[@]}"; do [[ $prev == "$from" ]] && is_stage=1; done
    ((is_stage)) || images+=("$from")
    [[ ${word[$((i + 1))]:-} == [Aa][Ss] ]] && stages+=("${word[$((i + 2))]}")
  done <"$ROOT/Dockerfile"
  ((${#images[@]})) || fail "no FROM image in $ROOT/Dockerfile"
  local last=$((${#images[@]} - 1))
  for i in "${!images[@]}"; do
    # The last FROM is the runtime image; earlier ones build, and get a JDK and Maven.
    if ((i == last)); then
      standin "$(qualify "${images[$i]}")" "$RUNTIME_PACKAGES"
    else
      standin "$(qualify "${images[$i]}")" "$BUILD_PACKAGES"
    fi
  done
}

build_image() {
  step "podman build -t $IMAGE (from $ROOT)"
  local previous user health
  previous=$("${PODMAN[@]}" image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
  # --format docker: the OCI image format has no HEALTHCHECK and buildah would drop it.
  timeout 1200 "${PODMAN[@]}" build --pull=never --network host --format docker \
    -t "$IMAGE" -f "$ROOT/Dockerfile" "$ROOT"
  # The image this build replaced is untagged now; the build-stage layers stay as the cache.
  if [[ -n $previous && $previous != "$("${PODMAN[@]}" image inspect --format '{{.Id}}' "$IMAGE")" ]]; then
    "${PODMAN[@]}" rmi "$previous" >/dev/null 2>&1 || true
  fi
  user=$("${PODMAN[@]}" image inspect --format '{{.Config.User}}' "$IMAGE")
  health=$("${PODMAN[@]}" image inspect --format '{{json .HealthCheck}}' "$IMAGE")
  [[ -n $user && $user != 0* && $user != root* ]] || fail "image runs as user '$user'"
  [[ $health == *health/live* ]] || fail "image has no HEALTHCHECK on /health/live: $health"
  ok "image user $user, healthcheck kept: $health"
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return
    fi
  done
  fail "no free port found"
}

wait_ready() {
  local deadline=$((SECONDS + READY_SECONDS)) code state
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$URL/health/ready" || true)
    [[ $code == 200 ]] && break
    state=$("${PODMAN[@]}" container inspect --format '{{.State.Status}}' "$NAME")
    [[ $state == running ]] || fail "container is '$state' before /health/ready answered 200"
    ((SECONDS < deadline)) || fail "/health/ready not 200 after ${READY_SECONDS}s (last: $code)"
    sleep 1
  done
}

# Prints the body, then the status code on a line of its own.
http() {
  curl -sS --max-time 10 -w '\n%{http_code}' "$@"
}

run_container() {
  PORT=$(free_port)
  TOKEN=tok-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  URL=http://127.0.0.1:$PORT
  step "podman run --network host $IMAGE on port $PORT"
  note "without systemd podman logs 'unable to get systemd connection' for the health check timer"
  timeout 120 "${PODMAN[@]}" run --detach --name "$NAME" --network host \
    -e "THERMOBUS_PORT=$PORT" -e "THERMOBUS_TOKEN=$TOKEN" "$IMAGE" >/dev/null
  local t0=$SECONDS
  wait_ready
  ok "GET /health/ready answered 200 from outside after $((SECONDS - t0))s"
}

check_rest_write() {
  step "REST write: PUT /api/zones/home/desired 22.5 with the token"
  local out code body desired='"desired" *: *22\.50?([^0-9]|$)'
  out=$(http -X PUT -H 'Content-Type: application/json' --data '{"celsius": 22.5}' \
    "$URL/api/zones/home/desired")
  code=${out##*$'\n'}
  [[ $code == 401 ]] || fail "PUT without a token answered $code, expected 401"
  ok "without the token: 401"
  out=$(http -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data '{"celsius": 22.5}' "$URL/api/zones/home/desired")
  code=${out##*$'\n'} body=${out%$'\n'*}
  [[ $code == 200 ]] || fail "PUT answered $code: $body"
  [[ $body =~ $desired ]] || fail "PUT answer has no desired 22.5: $body"
  ok "with the token: 200 $body"
  out=$(http "$URL/api/zones/home")
  code=${out##*$'\n'} body=${out%$'\n'*}
  [[ $code == 200 && $body =~ $desired ]] || fail "GET /api/zones/home answered $code: $body"
  ok "GET /api/zones/home: $body"
}

check_inside() {
  step "inside the container: user and PID 1"
  local uid pid1
  uid=$(timeout 30 "${PODMAN[@]}" exec "$NAME" id -u)
  [[ $uid =~ ^[0-9]+$ && $uid != 0 ]] || fail "the service runs as uid '$uid'"
  ok "id -u = $uid (not root)"
  pid1=$(timeout 30 "${PODMAN[@]}" exec "$NAME" cat /proc/1/comm)
  [[ $pid1 == java ]] || fail "PID 1 is '$pid1', not java: SIGTERM would not reach the JVM"
  ok "PID 1 is java (exec form entrypoint)"
}

check_healthcheck() {
  step "HEALTHCHECK as podman runs it"
  # Podman schedules health checks with systemd timers; without systemd (here, CI) nothing runs
  # them periodically, so run the image's check once by hand and read the state podman records.
  local out status
  out=$(timeout 30 "${PODMAN[@]}" healthcheck run "$NAME" 2>&1) || fail "healthcheck run: $out"
  status=$("${PODMAN[@]}" container inspect --format '{{.State.Health.Status}}' "$NAME")
  [[ $status == healthy ]] || fail "podman reports health '$status' after a passing check"
  ok "podman healthcheck run passed; podman reports '$status'"
  # The same check command, aimed at a port where nothing listens, must fail.
  local test=() closed
  mapfile -d '' test < <("${PODMAN[@]}" image inspect \
    --format '{{range .HealthCheck.Test}}{{.}}{{"\x00"}}{{end}}' "$IMAGE")
  # podman ends the template's output with a newline, which arrives as one more element.
  [[ ${#test[@]} -gt 0 && ${test[-1]} == $'\n' ]] && unset 'test[-1]'
  case ${test[0]:-} in
    CMD) test=("${test[@]:1}") ;;
    CMD-SHELL) test=(/bin/sh -c "${test[1]}") ;;
    *) fail "unexpected health check form: ${test[*]}" ;;
  esac
  closed=$(free_port)
  if timeout 30 "${PODMAN[@]}" exec -e "THERMOBUS_PORT=$closed" "$NAME" "${test[@]}" 2>/dev/null; then
    fail "the health check passes with nothing listening on port $closed"
  fi
  ok "the check fails with nothing listening (port $closed)"
}

check_sigterm() {
  step "SIGTERM: clean shutdown within ${STOP_SECONDS}s"
  local t0=$SECONDS code
  timeout 30 "${PODMAN[@]}" kill --signal TERM "$NAME" >/dev/null
  code=$(timeout "$STOP_SECONDS" "${PODMAN[@]}" wait "$NAME") \
    || fail "still running ${STOP_SECONDS}s after SIGTERM"
  # The JVM exits with 128+15 when SIGTERM ends it after its shutdown hooks; 0 if the app exits itself.
  [[ $code == 0 || $code == 143 ]] || fail "exit code $code after SIGTERM"
  ok "exited with $code after $((SECONDS - t0))s"
  printf -- '--- last lines of the container log ---\n'
  timeout 30 "${PODMAN[@]}" logs --tail 15 "$NAME" 2>&1 || true
  printf -- '---\n'
}

ensure_tools
ensure_base_images
build_image
run_container
check_rest_write
check_inside
check_healthcheck
check_sigterm
