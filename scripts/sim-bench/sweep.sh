#!/usr/bin/env bash
# Stream jitter by number of streams, for one or more builds of the simulator, alternated, against
# 127.0.0.1 only, bounded in time. Per run it prints stream_jitter's figures, the server's CPU per
# frame (utime + stime from /proc), the young-GC pauses that fell inside the run (from -Xlog:gc) and
# the load average, so that a bad p99 can be told apart: a GC pause, or other load on the machine.
#   scripts/sim-bench/sweep.sh "100 300 500 1000" ROUNDS DIR [DIR...]
# DIR: a copy of target/studio (studio.jar + lib/), optionally followed by JVM options after commas
# (DIR,-Dsim.pacer.workers=1). Ports PORT.. (one per DIR; PORT defaults to 18183).
# TOKENS (default 60, a 3 s run) sets each stream's length. TOKENS=299 is a 15 s run, long enough
# for young collections to come at their natural rate rather than by chance, as in a 3 s run; it
# is the longest reply the simulator writes for stream_jitter's prompt (40-299 tokens by prompt):
# with more, every stream ends early, stream_jitter reports complete=0 and counts the final object,
# sent right after the last token, as one 0 ms gap per stream (0.3 % of gaps at |gap - 50| = 50 ms).
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNTS=$1; ROUNDS=$2; shift 2
TOKENS=${TOKENS:-60}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
cc -O2 -o target/stream_jitter scripts/sim-bench/stream_jitter.c -lm
PIDS=(); PORTS=(); NAMES=(); LOGS=(); port=${PORT:-18183}
for arg in "$@"; do
  IFS=, read -r -a parts <<< "$arg"; dir=${parts[0]}; opts=("${parts[@]:1}")
  log=target/sweep-gc-$port.log
  "$JAVA" "${opts[@]}" -Xlog:gc:file=$log -jar "$dir/studio.jar" sim --port $port --instant --tps 20 > target/sweep-$port.log 2>&1 &
  PIDS+=($!); PORTS+=($port); NAMES+=("$(basename "$dir")${opts[*]:+ ${opts[*]}}"); LOGS+=($log); port=$((port + 1))
done
trap 'kill ${PIDS[*]} 2>/dev/null || true' EXIT
for p in "${PORTS[@]}"; do
  for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$p/api/tags" && break; sleep 0.5; done
  timeout 30 target/stream_jitter "$p" 1000 40 50 > /dev/null || true
  timeout 30 target/stream_jitter "$p" 1000 40 50 > /dev/null || true
done
pauses() { grep -c 'Pause' "$1" || true; }
for r in $(seq 1 "$ROUNDS"); do
  for n in $COUNTS; do
    for i in "${!PORTS[@]}"; do
      pid=${PIDS[$i]}; p=${PORTS[$i]}; log=${LOGS[$i]}
      g0=$(pauses "$log"); c0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); l0=$(cut -d' ' -f1 /proc/loadavg)
      out=$(timeout $((TOKENS / 20 + 60)) target/stream_jitter "$p" "$n" "$TOKENS" 50 | tail -1 | sed 's/gap jitter ms (|gap - 50|): //' || true)
      c1=$(awk '{print $14 + $15}' "/proc/$pid/stat"); g1=$(pauses "$log")
      gc="none "
      if [ "$g1" -gt "$g0" ]; then gc=$( (grep 'Pause' "$log" || true) | tail -n $((g1 - g0)) | sed -n 's/.* \([0-9.]*ms\)$/\1/p' | tr '\n' ' '); fi
      echo "round $r ${NAMES[$i]} streams $n: $out | us CPU/frame $(awk -v t=$((c1 - c0)) -v f=$((n * (TOKENS + 1))) 'BEGIN {printf "%.1f", t * 10000 / f}') | GC pauses: $gc| load $l0 -> $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
