#!/usr/bin/env bash
# Simulator benchmarks of issue 3, against 127.0.0.1 only, bounded in time.
#   1. wrk -t2 -c64 against a bare JDK HttpServer "hello" (baseline) and against the simulator's
#      non-streaming OpenAI chat reply, alternated ROUNDS times so both see the same machine load.
#   2. N concurrent Ollama streams at a 50 ms token gap, measured by stream_jitter (C, epoll): 60
#      tokens (a 3 s run, as before), then 299 tokens (a 15 s run, the longest reply the simulator
#      writes for this prompt: a young collection falls in a 3 s run by chance, and then decides its
#      p99; in 15 s they come at their natural rate).
# Needs: ./mvnw package test-compile done, wrk, cc. Usage: scripts/sim-bench/run.sh [ROUNDS] [SECONDS] [STREAMS]
# Ports: BASE_PORT, SIM_PORT, STREAM_PORT (environment) to stay clear of others on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}; SECONDS_PER_RUN=${2:-10}; STREAMS=${3:-1000}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
BASE_PORT=${BASE_PORT:-18090}; SIM_PORT=${SIM_PORT:-18080}; STREAM_PORT=${STREAM_PORT:-18081}
cc -O2 -o target/stream_jitter scripts/sim-bench/stream_jitter.c -lm
"$JAVA" -cp target/test-classes dev.localagent.studio.sim.bench.BareHttpServerBaseline $BASE_PORT > target/baseline.log 2>&1 & BASE_PID=$!
"$JAVA" -jar target/studio/studio.jar sim --port $SIM_PORT --instant > target/sim-bench.log 2>&1 & SIM_PID=$!
"$JAVA" -jar target/studio/studio.jar sim --port $STREAM_PORT --instant --tps 20 > target/sim-stream.log 2>&1 & STREAM_PID=$!
trap 'kill $BASE_PID $SIM_PID $STREAM_PID 2>/dev/null || true' EXIT
# wait until all three answer (a fixed sleep was too short on a busy machine)
for p in $SIM_PORT $STREAM_PORT; do for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$p/api/tags" && break; sleep 0.5; done; done
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$BASE_PORT/" && break; sleep 0.5; done
echo "machine: $(nproc) cores, $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
LUA=scripts/sim-bench/openai-chat.lua
for port in $BASE_PORT $SIM_PORT; do wrk -t2 -c64 -d5s -s $LUA http://127.0.0.1:$port/v1/chat/completions > /dev/null; done
# CPU time the server process spent per request (utime + stime from /proc, 10 ms ticks): far less
# sensitive to other load on the machine than requests/s
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # PID PORT -> "REQ_PER_S US_CPU_PER_REQUEST"
  local c0 out c1; c0=$(cpu "$1")
  out=$(wrk -t2 -c64 -d${SECONDS_PER_RUN}s -s $LUA "http://127.0.0.1:$2/v1/chat/completions")
  c1=$(cpu "$1")
  echo "$out" | awk -v t=$((c1 - c0)) '/requests in/ {n = $1} /Requests\/sec/ {r = $2} END {printf "%s %.1f", r, t * 10000 / n}'
}
for r in $(seq 1 "$ROUNDS"); do
  read -r b bc <<< "$(measure $BASE_PID $BASE_PORT)"
  read -r s sc <<< "$(measure $SIM_PID $SIM_PORT)"
  echo "round $r: baseline ${b} req/s (${bc} us CPU/req), simulator ${s} req/s (${sc} us CPU/req), throughput ratio $(awk -v s="$s" -v b="$b" 'BEGIN {printf "%.2f", s / b}'), CPU ratio $(awk -v s="$sc" -v b="$bc" 'BEGIN {printf "%.2f", b / s}'), load $(cut -d' ' -f1 /proc/loadavg)"
done
# warm the stream simulator with one full-size run first: its JIT has seen only the non-streaming
# path of the wrk rounds so far, and a cold first run measures the compiler
target/stream_jitter $STREAM_PORT "$STREAMS" 60 50 > /dev/null || true
for n in 100 $STREAMS; do
  echo "streams $n: $(target/stream_jitter $STREAM_PORT "$n" 60 50 | tr '\n' ' ')load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "streams $STREAMS x 299 tokens: $(target/stream_jitter $STREAM_PORT "$STREAMS" 299 50 | tr '\n' ' ')load $(cut -d' ' -f1 /proc/loadavg)"
