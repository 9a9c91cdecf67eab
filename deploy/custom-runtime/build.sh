#!/usr/bin/env bash
# Builds the custom-runtime deployment of the guard (run by `mvn package -Pfc-custom`, after the
# shaded jar exists). Output, under function/target/fc-custom/:
#   jre/                 a jlinked JRE from JDK 25 (the JDK on the build machine: FC_JDK)
#   jre-layer.zip        that JRE as a Function Compute layer (FC unpacks layers under /opt:
#                        the JVM is /opt/jre/bin/java)
#   code/                what s.yaml deploys as the function's code: the shaded jar, its AOT cache
#                        (guard.aot) and `bootstrap`, the start command
# The AOT cache is made by a training run of that very JRE on that very jar: the custom runtime
# started with -XX:AOTCacheOutput, sent /initialize and events against a loopback emulator, plus
# one HTTPS exchange (a local TLS server: the handshake's classes are in the cache too). The JVM
# checks at start that the jar is the one trained on (size and modification time, so the jar's
# time is set to a whole second that survives a zip) and silently runs without the cache if not:
# `doctor` says which. Finally the two zips are unpacked elsewhere and the cache is required
# (-XX:AOTMode=on) there: the build fails if the cache would not survive deployment.
set -euo pipefail
cd "$(dirname "$0")/../.."
JDK=${FC_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=function/target/fc-custom
JAR=function/target/spark-role-guard.jar
# The training run needs the emulator, which only the command line jar carries.
CLI_JAR=cli/target/spark-role-guard.jar
# jdeps --print-module-deps on the shaded jar, plus jdk.unsupported (Gson, Jackson use Unsafe
# reflectively) and java.desktop for SnakeYAML's java.beans.
MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.httpserver,jdk.unsupported
# The flags the function runs with (bootstrap) and the training run uses: they must agree.
FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
MAIN=io.github.sparkroleguard.handler.CustomRuntime

[ -x "$JDK/bin/jlink" ] || { echo "no JDK 25 at $JDK (set FC_JDK)"; exit 1; }
"$JDK/bin/java" -version 2>&1 | grep -q 'version "2[5-9]' || { echo "$JDK is not JDK 25 or later"; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn package first"; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT/code"
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --output "$OUT/jre"
cp "$JAR" "$OUT/code/spark-role-guard.jar"
touch -d '2026-01-01T00:00:00Z' "$OUT/code/spark-role-guard.jar"
cat > "$OUT/code/bootstrap" <<EOF
#!/bin/sh
# Function Compute's start command for the guard's custom runtime (s.yaml, customRuntimeConfig).
# The JRE comes from the layer (/opt/jre); GUARD_JAVA overrides it for local runs.
cd "\$(dirname "\$0")"
exec "\${GUARD_JAVA:-/opt/jre/bin/java}" $FLAGS -XX:AOTCache=guard.aot -cp spark-role-guard.jar $MAIN
EOF
chmod +x "$OUT/code/bootstrap"

# --- training run -------------------------------------------------------------------------
WORK=$(mktemp -d)
EMU_PORT=${TRAIN_EMULATOR_PORT:-18791}
TLS_PORT=${TRAIN_TLS_PORT:-18792}
FC_PORT=${TRAIN_FC_PORT:-18793}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
"$JDK/bin/java" -jar "$CLI_JAR" emulator --port "$EMU_PORT" --apply events/eventbridge-delete-role-default.json > "$WORK/emulator.log" 2>&1 &
PIDS+=($!)
https_endpoint="http://127.0.0.1:$EMU_PORT"
if command -v openssl > /dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2> /dev/null
  openssl s_server -quiet -accept "$TLS_PORT" -key "$WORK/key.pem" -cert "$WORK/cert.pem" -www > /dev/null 2>&1 &
  PIDS+=($!)
  https_endpoint="https://127.0.0.1:$TLS_PORT"
else
  echo "warning: no openssl: the training run covers no TLS handshake (the cache still works; the first HTTPS call is slower)"
fi
for i in $(seq 300); do grep -q listening "$WORK/emulator.log" 2>/dev/null && break; sleep 0.1; done
# RAM on the emulator (plain HTTP, the guard's whole event path); ActionTrail on the TLS server,
# whose self-signed certificate the guard rightly refuses after a full handshake.
cat > "$WORK/guard.yaml" <<EOF
retryBudgetSeconds: 1
ram: { endpoint: "http://127.0.0.1:$EMU_PORT" }
actiontrail: { endpoint: "$https_endpoint" }
EOF
env GUARD_CONFIG="$WORK/guard.yaml" FC_SERVER_PORT="$FC_PORT" \
  ALIBABA_CLOUD_ACCESS_KEY_ID=STS.DemoGuardKey0001 ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-guard-secret-not-real \
  sh -c "cd $OUT/code && exec ../jre/bin/java $FLAGS -XX:AOTCacheOutput=guard.aot -cp spark-role-guard.jar $MAIN" \
  > "$WORK/training.log" 2>&1 &
TRAIN=$!
for i in $(seq 600); do curl -s -o /dev/null "http://127.0.0.1:$FC_PORT/" && break; sleep 0.1; done
post() { curl -s -o "$WORK/answer.json" -w '%{http_code}' -X POST -H "x-fc-request-id: training-$1" \
  -H 'Content-Type: application/octet-stream' --data-binary "$2" "http://127.0.0.1:$FC_PORT/$1"; }
[ "$(post initialize '')" = 200 ] || { echo "training: /initialize failed"; cat "$WORK/answer.json" "$WORK/training.log"; exit 1; }
for e in events/eventbridge-delete-role-default.json events/eventbridge-detach-policy-default.json \
    events/eventbridge-update-role-trust-default.json events/timer.json events/skip-unrelated-service.json; do
  post invoke "@$e" > /dev/null
done
grep -q '"drifted"' "$WORK/answer.json" || post invoke @events/eventbridge-delete-role-default.json > /dev/null
post invoke '{"action":"check","roleName":"AliyunEMRSparkJobRunDefaultRole"}' > /dev/null
grep -q '"drifted"' "$WORK/answer.json" || { echo "training: the guard did not see the deleted role"; cat "$WORK/answer.json"; exit 1; }
post invoke '{"action":"history","roleName":"AliyunEMRSparkJobRunDefaultRole","hours":1}' > /dev/null
kill "$TRAIN"
wait "$TRAIN" || true
grep -q 'AOTCache creation is complete' "$WORK/training.log" || { echo "training: no AOT cache"; cat "$WORK/training.log"; exit 1; }

# --- package and check that the cache survives deployment ----------------------------------
(cd "$OUT" && rm -f jre-layer.zip code.zip && TZ=UTC zip -qr -X jre-layer.zip jre && cd code && TZ=UTC zip -qr -X ../code.zip .)
mkdir -p "$WORK/opt" "$WORK/code"
(cd "$WORK/opt" && unzip -q "$OLDPWD/$OUT/jre-layer.zip")
(cd "$WORK/code" && unzip -q "$OLDPWD/$OUT/code.zip")
(cd "$WORK/code" && "$WORK/opt/jre/bin/java" $FLAGS -XX:AOTMode=on -XX:AOTCache=guard.aot -cp spark-role-guard.jar \
  io.github.sparkroleguard.local.Main --help > /dev/null) \
  || { echo "the AOT cache is not usable after zip/unzip in another directory"; exit 1; }
echo "custom runtime: $OUT/code ($(du -sh "$OUT/code" | cut -f1)), JRE layer $OUT/jre-layer.zip ($(du -sh "$OUT/jre-layer.zip" | cut -f1), $(du -sh "$OUT/jre" | cut -f1) unpacked); AOT cache checked after unzip"
