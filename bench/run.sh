#!/usr/bin/env bash
# Runs one benchmark: restore | scan [roles] (GuardBench, a documented main), throughput
# (EventBench, JMH), shared (SharedStateFigures: the shared state across four instances),
# fleet [accounts] [roles per account] (FleetBench), fanout [accounts] [roles] [shard accounts]
# (FanOutBench: the timer's fan-out, each shard a JVM with -Xmx96m), or worstcase [roles] (WorstCaseBench, in a 96 MB
# heap). JVM options via BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/maven.sh
bench_classpath
CP="cli/target/classes:cli/target/test-classes:$(cat cli/target/bench-classpath.txt)"
if [ "${1:-}" = throughput ]; then
  echo "machine: $(nproc) cores, $(java -version 2>&1 | sed -n 1p)"
  exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" org.openjdk.jmh.Main -jvmArgsAppend "-cp $CP" \
    'io.github.sparkroleguard.bench.EventBench'
fi
if [ "${1:-}" = shared ]; then
  exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" io.github.sparkroleguard.bench.SharedStateFigures
fi
if [ "${1:-}" = fleet ]; then
  shift
  exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" io.github.sparkroleguard.bench.FleetBench "$@"
fi
if [ "${1:-}" = fanout ]; then
  shift
  # This JVM holds the emulated cloud of every member; each shard runs in its own JVM with -Xmx96m.
  exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" io.github.sparkroleguard.bench.FanOutBench "$@"
fi
if [ "${1:-}" = worstcase ]; then
  exec java -Xmx96m ${BENCH_JAVA_OPTS:-} -cp "$CP" io.github.sparkroleguard.bench.WorstCaseBench "${2:-10}"
fi
exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" io.github.sparkroleguard.bench.GuardBench "$@"
