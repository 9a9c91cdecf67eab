#!/usr/bin/env bash
# Cold start as Function Compute runs it: a fresh process, the initializer, the first event
# answered; under a CPU limit like s.yaml's `cpu: 0.5` (bench/cpulimit.sh); interleaved, round
# after round, with bare "hello world" JVMs in the same run (bench/ColdStartRun). Two
# configurations:
#   - endpoints only (DeleteRole of the default role, alert mode, against a loopback emulator);
#   - like a real user's (bench/RealisticAccount): restore mode, the default role and two custom
#     roles pinning the documentation's documents, Resource Management's reads, a signed webhook
#     and a signed DingTalk robot on a loopback receiver, the OSS store on the emulator with
#     state.secret; the measured event deletes a custom role, which the guard restores and alerts
#     on both channels (each run checks it). The headline figure is this one.
# The baselines run exactly as the guard does: a bootstrap-style sh launcher (cd, exec java), the
# custom runtime's flags, the same quota; the JDK 25 row with the very JRE the guard runs on, the
# JDK 17 row (the headline ratio's denominator) with the same flags. Side by side:
#   - the managed java11 entry point (GuardHandler::initialize, then the event, in one fresh JVM:
#     bench/FcColdStart; JDK 17 here stands in for FC's java11), default flags and s.yaml's flags;
#   - the custom runtime (s.yaml's default): function/target/fc-custom/code/bootstrap, the jlinked JDK 25
#     with the AOT cache, driven over HTTP (/initialize, /invoke); and the same without the cache.
# Then a shorter series without the CPU limit (2 cores), for the figure with default flags.
# Each run's CPU time (cgroup accounting) is reported beside its wall time: on a shared machine
# the wall times wait for cores, the CPU times do not.
# Usage: bash bench/coldstart.sh      (ROUNDS, default 5; ROUNDS_UNLIMITED, default 5; SKIP_BUILD=1)
# Needs a JDK 25 for the custom runtime (FC_JDK, default Temurin's path) and root for the cgroup.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/maven.sh
if [ -z "${SKIP_BUILD:-}" ]; then  # SKIP_BUILD=1 reuses cli/target/ and function/target/ as they are
  mvn_step package -Pfc-custom -DskipTests   # package compiles the tests too; "package test-compile" makes shade see function/target/classes
fi
mkdir -p cli/target/bench
cat > cli/target/bench/Hello.java <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("{\"ok\":true}"); } }
JAVA
javac --release 11 -d cli/target/bench cli/target/bench/Hello.java
FLAGS25="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"   # deploy/custom-runtime/build.sh's FLAGS
grep -qF -- "$FLAGS25" function/target/fc-custom/code/bootstrap || { echo "the bootstrap's flags are not $FLAGS25: update coldstart.sh"; exit 1; }
JAVA17=$(readlink -f "$(command -v java)")
# The baselines' launchers: the guard's bootstrap with Hello for the jar and no AOT cache (a bare
# JVM has none); the same sh, cd and exec, the same flags.
hello_bootstrap() {  # $1: directory, $2: the java binary
  mkdir -p "$1"; cp cli/target/bench/Hello.class "$1/"
  printf '#!/bin/sh\ncd "$(dirname "$0")"\nexec %s %s -cp . Hello\n' "$2" "$FLAGS25" > "$1/bootstrap"; chmod +x "$1/bootstrap"
}
hello_bootstrap cli/target/bench/hello-jdk17 "$JAVA17"
hello_bootstrap cli/target/bench/hello-jdk25 '"${GUARD_JAVA:-/opt/jre/bin/java}"'
sed 's/ -XX:AOTCache=guard.aot//' function/target/fc-custom/code/bootstrap > function/target/fc-custom/code/bootstrap-no-aot
chmod +x function/target/fc-custom/code/bootstrap-no-aot
PORT=${PORT:-18765}
FC_PORT=${FC_PORT:-18766}
java -jar cli/target/spark-role-guard.jar emulator --port $PORT --apply events/eventbridge-delete-role-default.json > cli/target/bench/emulator.log 2>&1 &
EMU=$!
trap 'kill $EMU 2>/dev/null; bash bench/cpulimit.sh teardown' EXIT
for i in $(seq 300); do grep -q listening cli/target/bench/emulator.log 2>/dev/null && break; sleep 0.1; done
grep -q listening cli/target/bench/emulator.log || { echo "emulator did not start on port $PORT:"; cat cli/target/bench/emulator.log; exit 1; }
printf 'ram: { endpoint: "http://127.0.0.1:%s" }\nactiontrail: { endpoint: "http://127.0.0.1:%s" }\nresourcemanager: { endpoint: "http://127.0.0.1:%s" }\n' $PORT $PORT $PORT > cli/target/bench/coldstart.yaml
export ALIBABA_CLOUD_ACCESS_KEY_ID=STS.DemoGuardKey0001 ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-guard-secret-not-real
export GUARD_CONFIG=$PWD/cli/target/bench/coldstart.yaml FC_SERVER_PORT=$FC_PORT GUARD_JAVA=$PWD/function/target/fc-custom/jre/bin/java

EVENT=events/eventbridge-delete-role-default.json
REALISTIC_EVENT=events/eventbridge-delete-role-custom.json
CP=cli/target/spark-role-guard.jar:cli/target/test-classes
SYAML="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
variants() {  # $1: the prefix that applies the CPU limit (or nothing)
  local L=$1
  printf '%s\t%s\t%s\n' \
    hello-jdk17 exit "$L cli/target/bench/hello-jdk17/bootstrap" \
    hello-jdk17-default-flags exit "$L $JAVA17 -cp cli/target/bench Hello" \
    hello-jdk25-jlinked exit "$L cli/target/bench/hello-jdk25/bootstrap" \
    java11-entry-default-flags line "$L java -cp $CP io.github.sparkroleguard.bench.FcColdStart $EVENT" \
    java11-entry-syaml-flags line "$L java $SYAML -cp $CP io.github.sparkroleguard.bench.FcColdStart $EVENT" \
    custom-runtime-aot "http:$FC_PORT" "$L function/target/fc-custom/code/bootstrap" \
    custom-runtime-no-aot "http:$FC_PORT" "$L function/target/fc-custom/code/bootstrap-no-aot" \
    custom-runtime-aot-realistic "realistic:$FC_PORT" "$L function/target/fc-custom/code/bootstrap" \
    custom-runtime-no-aot-realistic "realistic:$FC_PORT" "$L function/target/fc-custom/code/bootstrap-no-aot"
}
DRIVER="nice java -Dbench.realistic.event=$REALISTIC_EVENT -cp cli/target/test-classes:cli/target/spark-role-guard.jar io.github.sparkroleguard.bench.ColdStartRun"
report() {  # $1: ColdStartRun's output (name, wall, cpu, wall runs, cpu runs)
  local w17 w25 c17 c25
  w17=$(awk -F'\t' '$1 == "hello-jdk17" {print $2}' "$1"); c17=$(awk -F'\t' '$1 == "hello-jdk17" {print $3}' "$1")
  w25=$(awk -F'\t' '$1 == "hello-jdk25-jlinked" {print $2}' "$1"); c25=$(awk -F'\t' '$1 == "hello-jdk25-jlinked" {print $3}' "$1")
  printf '%-28s %8s %6s %6s %8s %6s %6s\n' variant "wall" "x h17" "x h25" "CPU" "x h17" "x h25"
  awk -F'\t' -v a="$w17" -v b="$w25" -v c="$c17" -v d="$c25" '{
    if ($3 >= 0) printf "%-28s %5d ms %5.1fx %5.1fx %5d ms %5.1fx %5.1fx\n", $1, $2, $2 / a, $2 / b, $3, $3 / c, $3 / d;
    else printf "%-28s %5d ms %5.1fx %5.1fx\n", $1, $2, $2 / a, $2 / b }' "$1"
  echo "runs (wall ms; CPU ms):"; awk -F'\t' '{print "  " $1 ": " $4 "; " $5}' "$1"
  awk -F'\t' -v c="$c17" -v w="$w17" -v tag="$2" '$3 > 0 && c > 0 {
    printf "FIGURE coldstart%s.%s.cpu.ratio=%.2f coldstart%s.%s.wall.ratio=%.2f\n", tag, $1, $3 / c, tag, $1, $2 / w }' "$1"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $($GUARD_JAVA -version 2>&1 | head -1)"
echo "CPU limit: $(bash bench/cpulimit.sh setup)"
variants "bash bench/cpulimit.sh run" > cli/target/bench/variants-limited.tsv
 $DRIVER "${ROUNDS:-5}" $EVENT cli/target/bench/variants-limited.tsv \
  "bash bench/cpulimit.sh usage" > cli/target/bench/coldstart-limited.tsv
echo "--- fresh process to the first event answered, ${ROUNDS:-5} interleaved rounds, medians, under the CPU limit;"
echo "    wall: launch to answer; CPU: what the process ran in that time (cgroup accounting), which a shared"
echo "    machine's load barely moves; under a 0.5-CPU quota on an idle host the wall time is at least CPU / 0.5"
report cli/target/bench/coldstart-limited.tsv ""
# the targets' figures: the custom runtime over a bare JDK 17 JVM run the same way, CPU time at 0.5 CPU
awk -F'\t' -v c="$(awk -F'\t' '$1 == "hello-jdk17" {print $3}' cli/target/bench/coldstart-limited.tsv)" '
  $1 == "custom-runtime-aot" && c > 0 {printf "FIGURE coldstart.custom.cpu.ratio=%.2f\n", $3 / c}
  $1 == "custom-runtime-aot-realistic" && c > 0 {printf "FIGURE coldstart.custom.realistic.cpu.ratio=%.2f\n", $3 / c}' cli/target/bench/coldstart-limited.tsv

[ "${ROUNDS_UNLIMITED:-5}" -gt 0 ] || { echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"; exit 0; }
variants "" | grep -E '^(hello-jdk17|hello-jdk25-jlinked|java11-entry-default-flags|custom-runtime-aot)' > cli/target/bench/variants-unlimited.tsv
$DRIVER "${ROUNDS_UNLIMITED:-5}" $EVENT cli/target/bench/variants-unlimited.tsv \
  > cli/target/bench/coldstart-unlimited.tsv
echo "--- the same without a CPU limit ($(nproc) cores), ${ROUNDS_UNLIMITED:-5} rounds"
report cli/target/bench/coldstart-unlimited.tsv ".unlimited"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
