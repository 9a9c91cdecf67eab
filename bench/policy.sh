#!/usr/bin/env bash
# Policy evaluation throughput (issue: policy semantics). Usage: bash bench/policy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/maven.sh
bench_classpath
java -cp "cli/target/classes:cli/target/test-classes:$(cat cli/target/bench-classpath.txt)" io.github.sparkroleguard.bench.PolicyBench
