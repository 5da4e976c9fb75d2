#!/usr/bin/env bash
# A three-node cluster on loopback, started from the built jar: for each zone count, starts three
# nodes (their own Hazelcast ports, HTTP on port 0, time scale 1) that declare a third of the zones
# each, waits until every node sees three members and every zone online, then measures
#   - bus events/s on every node: the growth of each node's own bus published seq
#     (GET /api/bus/subscriptions) over the window; every node's bus records every zone's events;
#   - kill -9 of the third node to its zones re-owned (GET /api/cluster on both survivors names
#     only survivors as owners) and to the last zone adopted (GET /api/zones on both survivors
#     lists every zone online, driven by a survivor), polled every 100 ms.
# Prints one Markdown row per count, and the load average before and after each run (the machine
# may be shared). Every process it starts is killed on exit; traffic stays on 127.0.0.1.
#
#   mvn -q -B package -DskipTests && src/bench/cluster.sh 30 3000
#
# Needs curl, jq and bc. Environment: MEASURE_SECONDS (default 30), SETTLE_SECONDS (default 10),
# READY_TIMEOUT_SECONDS (default 300), ADOPT_TIMEOUT_SECONDS (default 120), BASE_PORT (the first
# Hazelcast port, default 15701; each zone count uses the next three), JAVA_OPTS.
set -euo pipefail

jar="${JAR:-target/thermobus.jar}"
measure="${MEASURE_SECONDS:-30}"
settle="${SETTLE_SECONDS:-10}"
ready_timeout="${READY_TIMEOUT_SECONDS:-300}"
adopt_timeout="${ADOPT_TIMEOUT_SECONDS:-120}"
base_port="${BASE_PORT:-15701}"
[ -f "$jar" ] || { echo "no $jar: build it first with mvn -q -B package -DskipTests" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: $0 ZONES [ZONES...]" >&2; exit 2; }
for tool in curl jq bc; do command -v "$tool" >/dev/null || { echo "$0 needs $tool" >&2; exit 2; }; done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
published() { curl -fsS -m 30 "$1/api/bus/subscriptions?limit=1" | jq '.published'; }
members() { curl -fsS -m 10 "$1/api/cluster" | jq '.nodes | length'; }
# Zones listed online by this node, each counted once (a zone moving may be listed twice).
online() { curl -fsS -m 60 "$1/api/zones" | jq '[.zones[] | select(.online) | .zone] | unique | length'; }
# Zones whose owner, as this node sees it, is not the given node id.
owned_by_others() { curl -fsS -m 10 "$1/api/cluster" | jq --arg dead "$2" '[.owners[] | select(. != $dead)] | length'; }

echo "| zones | cluster ready after | bus events/s, node 1 / 2 / 3 | kill -9 → zones re-owned | kill -9 → last zone adopted | load before → after |"
echo "|---:|---:|---:|---:|---:|---:|"
round=0
for zones in "$@"; do
  before=$(load)
  run="$work/$zones"
  # Ports of their own for each round: a killed node's port may linger for a moment.
  first=$((base_port + 3 * round)); round=$((round + 1))
  ports=("$first" "$((first + 1))" "$((first + 2))")
  list=$(printf '127.0.0.1:%s,' "${ports[@]}"); list=${list%,}
  urls=()
  pids=()
  started=$(now)
  for i in 0 1 2; do
    mkdir -p "$run/$i/data"
    { printf '{"port": 0, "timeScale": 1, "dataDir": "%s", "zones": [' "$run/$i/data"
      seq 1 "$zones" | awk -v n="$i" '(NR - 1) % 3 == n { print "\"zone-" $0 "\"" }' | paste -sd, -
      printf ']}\n'; } > "$run/$i/thermobus.json"
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -jar "$jar" --conf "$run/$i/thermobus.json" --cluster --cluster-name "bench-$$" \
      --cluster-port "${ports[$i]}" --cluster-members "$list" > "$run/$i/out.log" 2> "$run/$i/err.log" &
    pids+=($!)
  done
  for i in 0 1 2; do
    url=
    until [ -n "$url" ]; do
      kill -0 "${pids[$i]}" 2>/dev/null || { echo "node $((i + 1)) exited; its output, without stack frames:" >&2; grep -hv "^[[:space:]]*at " "$run/$i/out.log" "$run/$i/err.log" | tail -20 >&2; exit 1; }
      url=$(grep -ho 'http://127.0.0.1:[0-9]*' "$run/$i/out.log" 2>/dev/null | head -1 || true)
      sleep 0.1
    done
    urls+=("$url")
  done
  for url in "${urls[@]}"; do
    until [ "$(members "$url" 2>/dev/null || echo 0)" = 3 ] && [ "$(online "$url" 2>/dev/null || echo 0)" = "$zones" ]; do
      [ "$(echo "$(now) - $started > $ready_timeout" | bc)" = 0 ] || { echo "cluster not ready within $ready_timeout s" >&2; exit 1; }
      sleep 0.2
    done
  done
  ready=$(since "$started")
  sleep "$settle"
  e0=(); for url in "${urls[@]}"; do e0+=("$(published "$url")"); done; t0=$(now)
  sleep "$measure"
  e1=(); for url in "${urls[@]}"; do e1+=("$(published "$url")"); done; t1=$(now)
  elapsed=$(echo "$t1 - $t0" | bc)
  rates=()
  for i in 0 1 2; do rates+=("$(printf '%.0f' "$(echo "(${e1[$i]} - ${e0[$i]}) / $elapsed" | bc -l)")"); done

  dead="127.0.0.1:${ports[2]}"
  survivors=("${urls[0]}" "${urls[1]}")
  killed=$(now)
  kill -KILL "${pids[2]}"
  reowned=
  adopted=
  while [ -z "$adopted" ]; do
    [ "$(echo "$(now) - $killed > $adopt_timeout" | bc)" = 0 ] || { adopted="not within $adopt_timeout s"; break; }
    if [ -z "$reowned" ]; then
      done_count=0
      for url in "${survivors[@]}"; do
        [ "$(owned_by_others "$url" "$dead" 2>/dev/null || echo 0)" = "$zones" ] && done_count=$((done_count + 1))
      done
      [ "$done_count" = 2 ] && reowned="$(since "$killed") s"
    fi
    if [ -n "$reowned" ]; then
      done_count=0
      for url in "${survivors[@]}"; do
        [ "$(online "$url" 2>/dev/null || echo 0)" = "$zones" ] && done_count=$((done_count + 1))
      done
      [ "$done_count" = 2 ] && adopted="$(since "$killed") s"
    fi
    [ -n "$adopted" ] || sleep 0.1
  done
  printf '| %s | %s s | %s / %s / %s | %s | %s | %s → %s |\n' "$zones" "$ready" "${rates[@]}" "${reowned:-not seen}" "$adopted" "$before" "$(load)"
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
done
