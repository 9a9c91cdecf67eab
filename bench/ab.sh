#!/usr/bin/env bash
# A/B of two revisions' cold start: builds each revision's jar (git archive into cli/target/ab/, so
# the working tree is untouched), then times fresh JVMs of both, interleaved round by round so
# the machine's noise falls on both alike, on the same event against one loopback emulator
# (DeleteRole of the default role, alert mode, as bench/coldstart.sh). Medians of RUNS rounds
# (default 15). When both revisions have bench/FcColdStart, also FC's lifecycle (initializer,
# first event) in the same interleaved way.
# Usage: bash bench/ab.sh REV_BEFORE REV_AFTER     e.g. bash bench/ab.sh 0665f7a~1 0665f7a
# The rows of BENCHMARKS.md's "What was cut" table name the revisions to compare.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/maven.sh
[ $# -eq 2 ] || { echo "usage: bash bench/ab.sh REV_BEFORE REV_AFTER" >&2; exit 2; }
mvn_step package -DskipTests
AB=cli/target/ab
mkdir -p $AB
build() {
  local rev=$1 dir
  dir=$AB/$(git rev-parse --short "$rev")
  if [ ! -f "$dir/target/spark-role-guard.jar" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    git archive "$rev" | tar -x -C "$dir"
    (cd "$dir" && mvn_step package test-compile -DskipTests)
  fi
  echo "$dir"
}
A=$(build "$1")
B=$(build "$2")
PORT=${PORT:-18766}
java -jar cli/target/spark-role-guard.jar emulator --port $PORT --apply events/eventbridge-delete-role-default.json > $AB/emulator.log 2>&1 &
EMU=$!
trap 'kill $EMU 2>/dev/null' EXIT
for i in $(seq 100); do grep -q listening $AB/emulator.log 2>/dev/null && break; sleep 0.1; done
grep -q listening $AB/emulator.log || { echo "emulator did not start on port $PORT:"; cat $AB/emulator.log; exit 1; }
printf 'ram: { endpoint: "http://127.0.0.1:%s" }\nactiontrail: { endpoint: "http://127.0.0.1:%s" }\n' $PORT $PORT > $AB/config.yaml
export ALIBABA_CLOUD_ACCESS_KEY_ID=STS.DemoGuardKey0001 ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-guard-secret-not-real
run() { java -jar "$1/target/spark-role-guard.jar" invoke --event events/eventbridge-delete-role-default.json --config $AB/config.yaml; }
for d in "$A" "$B"; do
  run "$d" > $AB/check.out 2>&1 || { echo "$d failed:"; cat $AB/check.out; exit 1; }
  grep -q '"drifted"' $AB/check.out || { echo "$d did not report the drift:"; cat $AB/check.out; exit 1; }
done
for i in 1 2 3; do run "$B" > /dev/null 2>&1; done # warm the emulator's own JIT
: > $AB/times-a; : > $AB/times-b
for i in $(seq "${RUNS:-15}"); do
  for side in a b; do
    d=$A; [ $side = b ] && d=$B
    s=$(date +%s%N); run "$d" > /dev/null 2>&1; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 )) >> $AB/times-$side
  done
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), ${RUNS:-15} interleaved rounds, medians"
echo "cold start, invoke to printed result: $1 $(median $AB/times-a) ms, $2 $(median $AB/times-b) ms"
FC=io.github.sparkroleguard.bench.FcColdStart
if [ -f "$A/target/test-classes/io/github/sparkroleguard/bench/FcColdStart.class" ] \
    && [ -f "$B/target/test-classes/io/github/sparkroleguard/bench/FcColdStart.class" ]; then
  : > $AB/fc-a; : > $AB/fc-b
  for i in $(seq "${RUNS:-15}"); do
    for side in a b; do
      d=$A; [ $side = b ] && d=$B
      GUARD_CONFIG=$AB/config.yaml java -cp "$d/target/spark-role-guard.jar:$d/target/test-classes" $FC \
        events/eventbridge-delete-role-default.json >> $AB/fc-$side
    done
  done
  field() { grep -o "\"$1\":[0-9]*" "$2" | cut -d: -f2 > $AB/field; median $AB/field; }
  for side in a b; do
    rev=$1; [ $side = b ] && rev=$2
    echo "as FC runs it, $rev: initializer $(field initializeMs $AB/fc-$side) ms, first event $(field firstEventMs $AB/fc-$side) ms"
  done
fi
