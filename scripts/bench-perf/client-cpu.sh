#!/usr/bin/env bash
# The benchmark client's CPU per request, two builds alternated: each runs `bench --scenario load
# --concurrency 64` against one simulator (its own process, non-streaming OpenAI reply, loopback),
# warms up 25 s, then the client's and the simulator's utime+stime over 16 s of the measured window
# are divided by the requests completed. CPU per request is far less sensitive to other load on the
# machine than requests/s. Usage: scripts/bench-perf/client-cpu.sh OLD_JAR NEW_JAR [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
OLD=$1; NEW=$2; ROUNDS=${3:-3}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18292; OUT=target/bench-perf; mkdir -p $OUT; HOME_DIR=$(mktemp -d)
"$JAVA" -jar "$NEW" sim --port $PORT --instant > $OUT/sim-cpu.log 2>&1 & SIM=$!
trap 'kill $SIM 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT
sleep 5
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
one() { # LABEL JAR
  local f=$OUT/cpu-$1-$RANDOM.json
  "$JAVA" -Duser.home="$HOME_DIR" -jar "$2" bench --provider sim-openai --no-stream --max-tokens 64 \
    --prompts scripts/bench-perf/same-prompt.jsonl --repeat-ratio 0.99 --no-client-limits --quiet \
    --base-url http://127.0.0.1:$PORT/v1 --scenario load --concurrency 64 --warmup 25s --duration 20s --json "$f" > /dev/null 2>&1 & local B=$!
  sleep 27; local c0 s0 l; c0=$(cpu $B); s0=$(cpu $SIM); l=$(cut -d' ' -f1 /proc/loadavg)
  sleep 16; local c1 s1; c1=$(cpu $B); s1=$(cpu $SIM)
  wait $B || true
  python3 -c "import json; r=json.load(open('$f'))['throughput']['requestsPerSecond']; print(f'$1: {r:.0f} req/s, client {($c1-$c0)*10000/16/r:.1f} us CPU/req, simulator {($s1-$s0)*10000/16/r:.1f} us CPU/req, load $l')"
}
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do one "old-$r" "$OLD"; one "new-$r" "$NEW"; done
