#!/usr/bin/env bash
# Zones per node at time scale 1: for each zone count, starts the built jar with that many zones
# declared in a config file, waits for /health/ready, lets it settle, then samples it for a while.
# Prints one Markdown row per count: time to ready, CPU (cores, from /proc/<pid>/stat), resident
# memory (the largest VmRSS seen in /proc/<pid>/status), events per second through the bus (its
# published seq), and how long GET /api/zones (every zone's state) takes.
#
#   mvn -q -B package -DskipTests && src/bench/zones.sh 1000 10000 100000
#
# Environment: SETTLE_SECONDS (default 20), MEASURE_SECONDS (default 60), READY_TIMEOUT_SECONDS
# (default 600; a node not ready by then is measured all the same and its row says so), JAVA_OPTS.
set -euo pipefail

jar="${JAR:-target/thermobus.jar}"
settle="${SETTLE_SECONDS:-20}"
measure="${MEASURE_SECONDS:-60}"
ready_timeout="${READY_TIMEOUT_SECONDS:-600}"
ticks=$(getconf CLK_TCK)
[ -f "$jar" ] || { echo "no $jar: build it first with mvn -q -B package -DskipTests" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: $0 ZONES [ZONES...]" >&2; exit 2; }

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
published() { curl -fsS -m 30 "$1/api/bus/subscriptions" | grep -o '"published":[0-9]*' | head -1 | cut -d: -f2; }

echo "| zones | ready after | CPU, cores | resident memory | bus events/s | GET /api/zones |"
echo "|---:|---:|---:|---:|---:|---:|"
for zones in "$@"; do
  run="$work/$zones"
  mkdir -p "$run/data"
  { printf '{"port": 0, "timeScale": 1, "dataDir": "%s", "zones": [' "$run/data"
    seq 1 "$zones" | sed 's/.*/"zone-&"/' | paste -sd, -
    printf ']}\n'; } > "$run/thermobus.json"
  started=$(date +%s.%N)
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -jar "$jar" --conf "$run/thermobus.json" > "$run/out.log" 2> "$run/err.log" &
  pid=$!
  base=
  until [ -n "$base" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited; see its log:" >&2; tail -20 "$run/err.log" >&2; exit 1; }
    base=$(grep -ho 'http://127.0.0.1:[0-9]*' "$run/out.log" "$run/err.log" 2>/dev/null | head -1 || true)
    sleep 0.1
  done
  ready=
  until [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$base/health/ready")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited before it was ready" >&2; exit 1; }
    if [ "$(echo "$(date +%s.%N) - $started > $ready_timeout" | bc)" = 1 ]; then ready="not within $ready_timeout s"; break; fi
    sleep 0.1
  done
  [ -n "$ready" ] || ready=$(printf '%.1f s' "$(echo "$(date +%s.%N) - $started" | bc)")
  sleep "$settle"
  cpu0=$(cpu_ticks "$pid"); events0=$(published "$base"); t0=$(date +%s.%N)
  max_rss=0
  for _ in $(seq 1 "$measure"); do
    sleep 1
    rss=$(rss_mib "$pid"); [ "$rss" -gt "$max_rss" ] && max_rss=$rss
  done
  cpu1=$(cpu_ticks "$pid"); events1=$(published "$base"); t1=$(date +%s.%N)
  list=$(curl -s -m 60 -o /dev/null -w '%{time_total}' "$base/api/zones" || echo "?")
  elapsed=$(echo "$t1 - $t0" | bc)
  cores=$(echo "scale=3; ($cpu1 - $cpu0) / $ticks / $elapsed" | bc)
  rate=$(echo "($events1 - $events0) / $elapsed" | bc)
  printf '| %s | %s | %.2f | %s MiB | %s | %s s |\n' "$zones" "$ready" "$cores" "$max_rss" "$rate" "$list"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
