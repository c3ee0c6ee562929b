#!/usr/bin/env bash
# Issue 8: one hour of open-loop load at 1,000 requests/s against a 20 ms fixed-latency simulator
# on 127.0.0.1, with a forced full GC and a memory sample every minute (OUT/mem.log, OUT/gc.log).
# Needs: ./mvnw package done. Usage: scripts/bench-perf/hour.sh [OUT_DIR] [DURATION]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-target/bench-hour}; DURATION=${2:-60m}
JDK=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$OUT"
"$JDK/bin/java" -jar target/studio/studio.jar sim --instant --latency 20ms --port 18097 > "$OUT/sim.log" 2>&1 & SIM=$!
trap 'kill $SIM 2>/dev/null || true' EXIT
sleep 3
"$JDK/bin/java" -Xlog:gc:file="$OUT/gc.log":uptime -Duser.home="$OUT/home" -jar target/studio/studio.jar bench --provider sim-openai \
  --base-url http://127.0.0.1:18097/v1 --scenario rate --rate 1000 --duration "$DURATION" --no-stream --max-tokens 16 \
  --no-client-limits --sample-interval 10s --json "$OUT/report.json" > "$OUT/bench.out" 2> "$OUT/bench.err" & BENCH=$!
sleep 5
while kill -0 $BENCH 2>/dev/null; do
  "$JDK/bin/jcmd" $BENCH GC.run > /dev/null 2>&1 || true
  sleep 2
  echo "$(date +%H:%M:%S) rss_kb=$(ps -o rss= -p $BENCH) load=$(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/mem.log"
  sleep 58
done
grep "Pause Full" "$OUT/gc.log" | awk '{print $1, $(NF-1)}' > "$OUT/live-heap.log"
cat "$OUT/bench.out"
