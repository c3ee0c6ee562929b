#!/usr/bin/env bash
# Issue 8's accuracy bar against an independent measure: `bench --scenario rate --rate 500` and
# open_loop (C, scripts/bench-perf/open_loop.c: constant-rate sends on a fixed schedule over 32
# keep-alive connections, latency from the intended send, as wrk2 does) measure the same 20 ms
# fixed-latency simulator endpoint IN THE SAME WINDOW, so the endpoint's own run-to-run tail (its
# p99 moves by several ms between runs) is the same for both. Loopback only.
# Needs: ./mvnw package, cc. Usage: [SECONDS_MEASURED=10] scripts/bench-perf/accuracy.sh [ROUNDS]
# (SECONDS_MEASURED: each side's measured window; at 500/s a 10 s window holds 5,000 samples, and its p99
# rests on the slowest 50 of them, roughly +-1 ms from run to run on this endpoint.)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}; SECS=${SECONDS_MEASURED:-10}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18295; OUT=target/bench-perf; mkdir -p $OUT; HOME_DIR=$(mktemp -d)
cc -O2 -pthread -o target/open_loop scripts/bench-perf/open_loop.c
sed -n 's/^wrk.body = .\(.*\).$/\1/p' scripts/sim-bench/openai-chat.lua > $OUT/body.json
"$JAVA" -jar target/studio/studio.jar sim --port $PORT --instant --latency 20ms > $OUT/sim-accuracy.log 2>&1 & SIM=$!
trap 'kill $SIM 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/v1/models" && break; sleep 0.5; done
target/open_loop $PORT /v1/chat/completions $OUT/body.json 500 3 1 32 > /dev/null
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  f=$OUT/accuracy-$r.json
  "$JAVA" -Duser.home="$HOME_DIR" -jar target/studio/studio.jar bench --provider sim-openai --no-stream --max-tokens 64 \
    --prompts scripts/bench-perf/same-prompt.jsonl --repeat-ratio 0.99 --no-client-limits --quiet \
    --base-url http://127.0.0.1:$PORT/v1 --scenario rate --rate 500 --warmup 20s --duration ${SECS}s --json "$f" > /dev/null 2>&1 & B=$!
  sleep 18.5 # open_loop's own 2 s warm-up ends as the bench's measured 10 s begin
  o=$(target/open_loop $PORT /v1/chat/completions $OUT/body.json 500 $((SECS - 1)) 2 32 | awk '/^corrected/ {c=$0} /^uncorrected/ {u=$0} END {print c " | " u}')
  wait $B || true
  echo "round $r: open_loop $o"
  echo "         bench     $(python3 -c "import json; l=json.load(open('$f'))['latencyMs']; e=l['e2e']; u=l['e2eUncorrected']; print(f\"corrected p50={e['p50']:.2f} p99={e['p99']:.2f} | uncorrected p50={u['p50']:.2f} p99={u['p99']:.2f}\")") | load $(cut -d' ' -f1 /proc/loadavg)"
done
