#!/usr/bin/env bash
# Issue 8's performance figures, against 127.0.0.1 only, bounded in time:
#   1. requests/s of `studio bench --scenario load --concurrency 64` against `wrk -t2 -c64`, same
#      non-streaming simulator endpoint (OpenAI chat, the wrk script's prompt), alternated ROUNDS times;
#   2. the engine's open loop at 10,000 requests/s against that endpoint;
#   3. accuracy at 500 requests/s against a 20 ms fixed-latency endpoint: our p50/p99 beside
#      wrk's at the same rate (10 connections x 20 ms = 500/s), the independent measure.
# Each bench run warms up for WARMUP (default 20s) before it measures: the JIT keeps compiling the
# client's code for 20-30 s on two cores, and a run measured from a cold start reports the compiler,
# not the client (wrk, in C, needs none). The 10,000/s run also ramps up over RAMP (default 15s), so
# the queue a cold start builds does not carry into the measured window.
# Needs: ./mvnw package done, wrk. Usage: [WARMUP=20s] [RAMP=15s] [OPEN_ROUNDS=1] [SIM_OPTS=-Dsim.server=jdk] scripts/bench-perf/run.sh [ROUNDS] [SECONDS]
# SIM_OPTS: JVM options for the two simulators (e.g. the JDK server the ratio bar was first measured on).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}; SECS=${2:-10}; WARMUP=${WARMUP:-20s}; RAMP=${RAMP:-15s}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
FAST_PORT=18290; SLOW_PORT=18291
OUT=target/bench-perf; mkdir -p $OUT
HOME_DIR=$(mktemp -d)
"$JAVA" ${SIM_OPTS:-} -jar target/studio/studio.jar sim --port $FAST_PORT --instant > $OUT/sim-fast.log 2>&1 & FAST=$!
"$JAVA" ${SIM_OPTS:-} -jar target/studio/studio.jar sim --port $SLOW_PORT --instant --latency 20ms > $OUT/sim-slow.log 2>&1 & SLOW=$!
trap 'kill $FAST $SLOW 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT
sleep 5
LUA=scripts/sim-bench/openai-chat.lua
PROMPTS=scripts/bench-perf/same-prompt.jsonl
bench() { # extra args...; prints the JSON report's path
  local f=$OUT/report-$RANDOM.json
  "$JAVA" -Duser.home="$HOME_DIR" -jar target/studio/studio.jar bench --provider sim-openai --no-stream --max-tokens 64 \
    --prompts $PROMPTS --repeat-ratio 0.99 --no-client-limits --quiet --json "$f" "$@" > /dev/null 2>&1 || true
  echo "$f"
}
field() { python3 -c "import json,sys; r=json.load(open('$1')); print(eval('r' + sys.argv[1]))" "$2"; }
echo "machine: $(nproc) cores, $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg); bench warm-up $WARMUP, ramp-up at 10,000/s $RAMP"
wrk -t2 -c64 -d3s -s $LUA http://127.0.0.1:$FAST_PORT/v1/chat/completions > /dev/null
for r in $(seq 1 "$ROUNDS"); do
  w=$(wrk -t2 -c64 -d${SECS}s -s $LUA http://127.0.0.1:$FAST_PORT/v1/chat/completions | awk '/Requests\/sec/ {print $2}')
  f=$(bench --base-url http://127.0.0.1:$FAST_PORT/v1 --scenario load --concurrency 64 --warmup $WARMUP --duration ${SECS}s)
  b=$(field "$f" "['throughput']['requestsPerSecond']")
  echo "round $r: wrk -t2 -c64 ${w} req/s, bench load c64 ${b} req/s (failed $(field "$f" "['requests']['failed']")), ratio $(awk -v b="$b" -v w="$w" 'BEGIN {printf "%.2f", b / w}'), load $(cut -d' ' -f1 /proc/loadavg)"
done
for r in $(seq 1 "${OPEN_ROUNDS:-1}"); do
  f=$(bench --base-url http://127.0.0.1:$FAST_PORT/v1 --scenario rate --rate 10000 --ramp-up $RAMP --warmup $WARMUP --duration ${SECS}s)
  echo "open loop at 10000/s, round $r: achieved send rate $(field "$f" "['achievedRate']")/s, completed $(field "$f" "['throughput']['requestsPerSecond']") req/s, late sends $(field "$f" "['lateSends']") of $(field "$f" "['requests']['sent']"), failed $(field "$f" "['requests']['failed']"), warm-up sends dropped $(field "$f" "['requests'].get('warmupSkipped', 0)"), e2e p50 $(field "$f" "['latencyMs']['e2e']['p50']") ms p99 $(field "$f" "['latencyMs']['e2e']['p99']") ms, load $(cut -d' ' -f1 /proc/loadavg)"
done
wrk -t1 -c10 -d3s -s $LUA http://127.0.0.1:$SLOW_PORT/v1/chat/completions > /dev/null
for r in $(seq 1 "$ROUNDS"); do
  wout=$(wrk -t1 -c10 -d${SECS}s --latency -s $LUA http://127.0.0.1:$SLOW_PORT/v1/chat/completions)
  wrate=$(echo "$wout" | awk '/Requests\/sec/ {print $2}')
  wp50=$(echo "$wout" | awk '$1 == "50%" {print $2}'); wp99=$(echo "$wout" | awk '$1 == "99%" {print $2}')
  f=$(bench --base-url http://127.0.0.1:$SLOW_PORT/v1 --scenario rate --rate 500 --warmup $WARMUP --duration ${SECS}s)
  echo "round $r: 20 ms endpoint: wrk c10 ${wrate} req/s p50 ${wp50} p99 ${wp99}; bench rate 500: achieved $(field "$f" "['achievedRate']")/s p50 $(field "$f" "['latencyMs']['e2e']['p50']") ms p99 $(field "$f" "['latencyMs']['e2e']['p99']") ms (uncorrected p99 $(field "$f" "['latencyMs']['e2eUncorrected']['p99']") ms), load $(cut -d' ' -f1 /proc/loadavg)"
done
