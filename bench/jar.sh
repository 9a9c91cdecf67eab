#!/usr/bin/env bash
# Size and class count of the shaded jar, by top-level package. Usage: bash bench/jar.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/maven.sh
[ -f cli/target/spark-role-guard.jar ] || mvn_step package -DskipTests
echo "size: $(stat -c %s cli/target/spark-role-guard.jar) bytes; classes: $(unzip -l cli/target/spark-role-guard.jar | grep -c '\.class$')"
echo "FIGURE jar.bytes=$(stat -c %s cli/target/spark-role-guard.jar) jar.classes=$(unzip -l cli/target/spark-role-guard.jar | grep -c '\.class$')"
unzip -l cli/target/spark-role-guard.jar | awk '{print $4}' | grep '\.class$' | awk -F/ '{print $1"/"$2}' | sort | uniq -c | sort -rn | head -10
