#!/usr/bin/env bash
# Cold start: a fresh JVM running the shaded jar on one relevant event (DeleteRole of the default
# role, alert mode) against a loopback emulator, to the printed result. Beside it, in the same
# run: a bare "hello world" JVM (the target's baseline), and the official SDK's own floor, a JVM
# that only builds the SDK client and makes the inspection's first two reads (bench/SdkFloor),
# with the guard's transport and with the SDK's default Apache client. Runs are interleaved, so
# a noisy machine slows all of them alike; median of RUNS rounds (default 11).
# Usage: bash bench/coldstart.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/maven.sh
mvn_step package test-compile -DskipTests
mkdir -p target/bench
cat > target/bench/Hello.java <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("{\"ok\":true}"); } }
JAVA
javac -d target/bench target/bench/Hello.java
PORT=${PORT:-18765}
java -jar target/spark-role-guard.jar emulator --port $PORT --apply events/eventbridge-delete-role-default.json > target/bench/emulator.log 2>&1 &
EMU=$!
trap 'kill $EMU 2>/dev/null' EXIT
for i in $(seq 100); do grep -q listening target/bench/emulator.log 2>/dev/null && break; sleep 0.1; done
grep -q listening target/bench/emulator.log || { echo "emulator did not start on port $PORT:"; cat target/bench/emulator.log; exit 1; }
printf 'ram: { endpoint: "http://127.0.0.1:%s" }\nactiontrail: { endpoint: "http://127.0.0.1:%s" }\n' $PORT $PORT > target/bench/coldstart.yaml
export ALIBABA_CLOUD_ACCESS_KEY_ID=STS.DemoGuardKey0001 ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-guard-secret-not-real

GUARD=(java -jar target/spark-role-guard.jar invoke --event events/eventbridge-delete-role-default.json --config target/bench/coldstart.yaml)
FLOOR=(java -cp target/spark-role-guard.jar:target/test-classes io.github.sparkroleguard.bench.SdkFloor 127.0.0.1:$PORT)
C1=-XX:TieredStopAtLevel=1
declare -A CMD=(
  [hello]="java -cp target/bench Hello"
  [guard]="${GUARD[*]}"
  [guard_c1]="env JAVA_TOOL_OPTIONS=$C1 ${GUARD[*]}"
  [floor]="${FLOOR[*]} jdk"
  [floor_c1]="env JAVA_TOOL_OPTIONS=$C1 ${FLOOR[*]} jdk"
  [floor_apache]="${FLOOR[*]} apache"
)
ORDER=(hello guard guard_c1 floor floor_c1 floor_apache)
# Each command must work before it is timed (a failing run would be fast and wrong).
for k in "${ORDER[@]}"; do
  ${CMD[$k]} > target/bench/check-$k.out 2>&1 || { echo "$k failed:"; cat target/bench/check-$k.out; exit 1; }
done
grep -q '"status" : "drifted"' target/bench/check-guard.out || { echo "guard did not report the drift"; exit 1; }
grep -q '"GetRole":"EntityNotExist.Role"' target/bench/check-floor.out || { echo "floor did not reach RAM"; exit 1; }
# Warm the emulator's own JIT so that its first answers do not count against anyone.
for i in 1 2 3; do ${CMD[guard]} > /dev/null 2>&1; done

for k in "${ORDER[@]}"; do : > target/bench/times-$k; done
for i in $(seq "${RUNS:-11}"); do
  for k in "${ORDER[@]}"; do
    s=$(date +%s%N); ${CMD[$k]} > /dev/null 2>&1; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 )) >> target/bench/times-$k
  done
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
hello=$(median target/bench/times-hello)
ratio() { awk "BEGIN {printf \"%.1f\", $1/$hello}"; }
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), ${RUNS:-11} interleaved rounds, medians"
printf '%-58s %5s ms\n' "bare JVM (hello world)" "$hello"
for k in guard guard_c1 floor floor_c1 floor_apache; do
  case $k in
    guard) label="guard, default flags";;
    guard_c1) label="guard, JAVA_TOOL_OPTIONS=$C1";;
    floor) label="SDK floor (client + 2 reads), guard's transport";;
    floor_c1) label="SDK floor, guard's transport, $C1";;
    floor_apache) label="SDK floor, the SDK's default Apache client";;
  esac
  m=$(median target/bench/times-$k)
  printf '%-58s %5s ms  %sx\n' "$label" "$m" "$(ratio $m)"
done

# In Function Compute the initializer hook runs before the first event: what an event waits for.
: > target/bench/fc-times
for i in $(seq "${RUNS:-11}"); do
  GUARD_CONFIG=target/bench/coldstart.yaml java -cp target/spark-role-guard.jar:target/test-classes \
    io.github.sparkroleguard.bench.FcColdStart events/eventbridge-delete-role-default.json >> target/bench/fc-times
done
field() { grep -o "\"$1\":[0-9]*" target/bench/fc-times | cut -d: -f2 > target/bench/fc-$1; median target/bench/fc-$1; }
echo "as FC runs it (fresh JVM, in-process times): initializer $(field initializeMs) ms, first event $(field firstEventMs) ms," \
  "second invocation $(field secondInvocationMs) ms"
: > target/bench/tls-times
for i in $(seq "${RUNS:-11}"); do
  java -cp target/test-classes io.github.sparkroleguard.bench.TlsSetup >> target/bench/tls-times
done
grep -o '"tlsSetupMs":[0-9]*' target/bench/tls-times | cut -d: -f2 > target/bench/tls-ms
echo "the JDK's default TLS context in a fresh JVM (paid by the first HTTPS call; in FC, by the initializer): $(median target/bench/tls-ms) ms"
