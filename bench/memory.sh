#!/usr/bin/env bash
# Peak RSS with -Xmx96m (FC's 128 MB instance), with default JVM flags and with the flags s.yaml
# deploys (JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC):
#   1. the whole demo (guard and emulator in one JVM);
#   2. the guard alone scanning 500 healthy roles, the emulator in a separate process.
# Needs /usr/bin/time (Debian package "time"). Usage: bash bench/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/maven.sh
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
mvn_step package -DskipTests
bench_classpath
mkdir -p cli/target/bench
rss() { grep 'Maximum resident' "$1" | awk '{print int($6/1024)}'; }
DEPLOYED="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
for flags in "" "$DEPLOYED"; do
  /usr/bin/time -v java -Xmx96m $flags -jar cli/target/spark-role-guard.jar demo --out cli/target/bench/demo > /dev/null 2> cli/target/bench/demo.time
  echo "demo, -Xmx96m ${flags:-(default flags)}: exit 0, $(rss cli/target/bench/demo.time) MiB peak RSS"
done
PORT=18282
java -cp "cli/target/classes:cli/target/test-classes:$(cat cli/target/bench-classpath.txt)" io.github.sparkroleguard.bench.GuardBench \
  scan-files 500 cli/target/bench/scan500 "http://127.0.0.1:$PORT" > /dev/null
java -jar cli/target/spark-role-guard.jar emulator --port $PORT --state cli/target/bench/scan500/state.json > cli/target/bench/emulator500.log 2>&1 &
EMU=$!
trap 'kill $EMU 2>/dev/null' EXIT
for i in $(seq 100); do grep -q listening cli/target/bench/emulator500.log 2>/dev/null && break; sleep 0.1; done
export ALIBABA_CLOUD_ACCESS_KEY_ID=STS.DemoGuardKey0001 ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-guard-secret-not-real
for flags in "" "$DEPLOYED"; do
  /usr/bin/time -v java -Xmx96m $flags -jar cli/target/spark-role-guard.jar scan --config cli/target/bench/scan500/guard.yaml \
    > cli/target/bench/scan500.json 2> cli/target/bench/scan500.time
  ok=$(grep -c '"status" : "in_sync"' cli/target/bench/scan500.json || true)
  echo "guard alone, scan of 501 roles (${ok} in sync), -Xmx96m ${flags:-(default flags)}: $(rss cli/target/bench/scan500.time) MiB peak RSS"
done
