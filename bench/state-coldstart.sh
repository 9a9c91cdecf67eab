#!/usr/bin/env bash
# What the shared state (OSS) adds to the event path's cold start: a fresh JVM running the shaded
# jar on one relevant event (DetachPolicyFromRole of the default role, alert mode) against a
# loopback emulator, with per-instance memory and with the OSS store (the emulator's bucket), side
# by side, interleaved, median of RUNS rounds (default 11). Every run gets an event with a fresh
# id (a redelivered id would be skipped as a duplicate and finish early), made the same way for
# both. The store's calls are loopback here: in FC add the round trips to OSS's internal endpoint.
# Usage: bash bench/state-coldstart.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f cli/target/spark-role-guard.jar ] || mvn -B -q package -DskipTests
mkdir -p cli/target/bench
PORT=${PORT:-18767}
EVENT=events/eventbridge-detach-policy-default.json
java -jar cli/target/spark-role-guard.jar emulator --port $PORT --apply $EVENT > cli/target/bench/state-emulator.log 2>&1 &
EMU=$!
trap 'kill $EMU 2>/dev/null' EXIT
for i in $(seq 100); do grep -q listening cli/target/bench/state-emulator.log 2>/dev/null && break; sleep 0.1; done
grep -q listening cli/target/bench/state-emulator.log || { cat cli/target/bench/state-emulator.log; exit 1; }
BASE="ram: { endpoint: \"http://127.0.0.1:$PORT\" }
actiontrail: { endpoint: \"http://127.0.0.1:$PORT\" }
resourcemanager: { endpoint: \"http://127.0.0.1:$PORT\" }"
printf '%s\n' "$BASE" > cli/target/bench/state-memory.yaml
printf '%s\nstate: { store: oss, endpoint: "http://127.0.0.1:%s", bucket: guard-state-local, secret: "${env:GUARD_STATE_SECRET}" }\n' "$BASE" $PORT > cli/target/bench/state-oss.yaml
export ALIBABA_CLOUD_ACCESS_KEY_ID=STS.DemoGuardKey0001 ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-guard-secret-not-real
export GUARD_STATE_SECRET=bench-state-key-0123456789abcdef0123
n=0
run() { # $1: memory|oss; a fresh delivery id and event id per run
  n=$((n + 1))
  sed "s/a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b/bench-$1-$n/; s/8E6B0002-2D1F-4C3A-9B7E-5F0A1C2D3E02/bench-$1-$n/" $EVENT > cli/target/bench/state-event.json
  java -jar cli/target/spark-role-guard.jar invoke --event cli/target/bench/state-event.json --config cli/target/bench/state-$1.yaml
}
for k in memory oss; do
  run $k > cli/target/bench/state-check-$k.out 2>&1 || { echo "$k failed:"; cat cli/target/bench/state-check-$k.out; exit 1; }
  grep -q '"status" : "drifted"' cli/target/bench/state-check-$k.out || { echo "$k did not report the drift"; cat cli/target/bench/state-check-$k.out; exit 1; }
done
grep -q '"shared" : true' cli/target/bench/state-check-oss.out || { echo "the OSS store was not used"; exit 1; }
for i in 1 2 3; do run memory > /dev/null 2>&1; run oss > /dev/null 2>&1; done
: > cli/target/bench/state-times-memory; : > cli/target/bench/state-times-oss
for i in $(seq "${RUNS:-11}"); do
  for k in memory oss; do
    s=$(date +%s%N); run $k > /dev/null 2>&1; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 )) >> cli/target/bench/state-times-$k
  done
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m=$(median cli/target/bench/state-times-memory); o=$(median cli/target/bench/state-times-oss)
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), ${RUNS:-11} interleaved rounds, medians"
echo "event path, per-instance memory: $m ms"
echo "event path, OSS store:           $o ms  ($(awk "BEGIN {printf \"%+.1f\", ($o - $m) * 100 / $m}") %)"
echo "FIGURE state.coldstart.memory=$m state.coldstart.oss=$o"
echo "jar: $(stat -c %s cli/target/spark-role-guard.jar) bytes, of which the state package $(unzip -l cli/target/spark-role-guard.jar | awk '/sparkroleguard\/state\// {s += $1} END {print s}') bytes (no new dependency)"
