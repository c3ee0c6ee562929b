#!/usr/bin/env bash
# A/B between two builds of the simulator on the same (noisy) machine, alternated round by round,
# against 127.0.0.1 only, bounded in time. Reports the server's CPU (utime + stime from /proc) per
# streamed frame or per request, which moves far less with other load than jitter or requests/s.
#   scripts/sim-bench/ab.sh streams    DIR_A DIR_B [ROUNDS] [STREAMS]   (Ollama NDJSON, 60 tokens, 50 ms)
#   scripts/sim-bench/ab.sh throughput DIR_A DIR_B [ROUNDS]             (wrk -t2 -c64 -d8s openai-chat.lua)
# DIR_A / DIR_B: copies of target/studio (studio.jar + lib/) built from the two commits.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=$1; A=$2; B=$3; ROUNDS=${4:-3}; N=${5:-1000}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
LUA=scripts/sim-bench/openai-chat.lua
cc -O2 -o target/stream_jitter scripts/sim-bench/stream_jitter.c -lm
PACE=(--instant); [ "$MODE" = streams ] && PACE=(--instant --tps 20)
"$JAVA" -jar "$A/studio.jar" sim --port 18181 "${PACE[@]}" > target/ab-a.log 2>&1 & PA=$!
"$JAVA" -jar "$B/studio.jar" sim --port 18182 "${PACE[@]}" > target/ab-b.log 2>&1 & PB=$!
trap 'kill $PA $PB 2>/dev/null || true' EXIT
for p in 18181 18182; do for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$p/api/tags" && break; sleep 0.5; done; done
warm() { if [ "$MODE" = streams ]; then timeout 30 target/stream_jitter "$1" 1000 40 50 > /dev/null || true; timeout 30 target/stream_jitter "$1" 1000 40 50 > /dev/null || true;
         else wrk -t2 -c64 -d8s -s $LUA "http://127.0.0.1:$1/v1/chat/completions" > /dev/null; fi; }
warm 18181; warm 18182
ticks() { awk '{print $14, $15}' "/proc/$1/stat"; }
for r in $(seq 1 "$ROUNDS"); do
  for x in "A $PA 18181" "B $PB 18182"; do set -- $x
    read -r u0 s0 <<< "$(ticks "$2")"
    if [ "$MODE" = streams ]; then
      out=$(timeout 60 target/stream_jitter "$3" "$N" 60 50 | tr '\n' ' ' || true); units=$((N * 61)); what=frame
    else
      out=$(wrk -t2 -c64 -d8s -s $LUA "http://127.0.0.1:$3/v1/chat/completions" | grep -E 'Requests/sec|non2xx' | tr '\n' ' ')
      units=$(echo "$out" | sed -n 's/.*requests=\([0-9]*\).*/\1/p'); what=request
    fi
    read -r u1 s1 <<< "$(ticks "$2")"
    echo "round $r $1: $out| server us CPU/$what $(awk -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v n="$units" 'BEGIN {printf "%.1f (user %.1f sys %.1f)", (u + s) * 10000 / n, u * 10000 / n, s * 10000 / n}') | load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
