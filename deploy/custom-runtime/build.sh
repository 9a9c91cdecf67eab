#!/usr/bin/env bash
# Builds the custom-runtime deployment of the guard (run by `mvn package -Pfc-custom`, after the
# shaded jar exists). Output, under function/target/fc-custom/:
#   jre/                 a jlinked JRE from JDK 25 (the JDK on the build machine: FC_JDK)
#   jre-layer.zip        that JRE as a Function Compute layer (FC unpacks layers under /opt:
#                        the JVM is /opt/jre/bin/java)
#   code/                what s.yaml deploys as the function's code: the shaded jar, its AOT cache
#                        (guard.aot) and `bootstrap`, the start command
# The AOT cache is made by a training run of that very JRE on that very jar: the custom runtime
# started with -XX:AOTCacheOutput, sent /initialize, events and commands under a configuration
# like a real user's against a loopback emulator, alerting every channel type over HTTPS to a
# loopback receiver (the handshake's classes are in the cache too; see "training run"). The JVM
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
# The cache holds what the training run loaded and linked, so the run does what users' functions
# do: a configuration like a real user's (restore mode; the default role and two custom roles
# pinning the documentation's documents, one of them missing so the scan re-creates it and its
# policies; Resource Management; the OSS store with state.secret; every alert channel type, each
# signed where the type signs, over HTTPS to a loopback receiver whose self-signed certificate
# the training JVM alone trusts, so the TLS handshake and the HTTP client are in the cache too).
# Events: restores of a deleted role, an edited custom document and a deleted service-linked
# role, an in-sync event, a redelivery (a duplicate in the store), a skipped event, the timer
# scan, then check, restore and history commands. The build fails if a restore, a channel or the
# store was not exercised.
WORK=$(mktemp -d)
EMU_PORT=${TRAIN_EMULATOR_PORT:-18791}
TLS_PORT=${TRAIN_TLS_PORT:-18792}
FC_PORT=${TRAIN_FC_PORT:-18793}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${TRAIN_KEEP:-}" ] || rm -rf "$WORK"; }  # TRAIN_KEEP=1 keeps the logs
trap cleanup EXIT
BREAKS="events/eventbridge-delete-role-default.json events/eventbridge-create-policy-version-custom.json events/resourcemanager-delete-service-linked-role.json"
{ echo '['; first=1; for e in $BREAKS; do [ $first = 1 ] || echo ','; first=0; cat "$e"; done; echo ']'; } > "$WORK/breaks.json"
"$JDK/bin/java" -jar "$CLI_JAR" emulator --port "$EMU_PORT" --apply "$WORK/breaks.json" > "$WORK/emulator.log" 2>&1 &
PIDS+=($!)
# The alert receiver: HTTPS (the JDK's HttpsServer, run from source), answering each channel type's "accepted".
"$JDK/bin/keytool" -genkeypair -alias training -keyalg RSA -keysize 2048 -dname CN=127.0.0.1 -ext san=ip:127.0.0.1 \
  -validity 2 -storetype PKCS12 -keystore "$WORK/tls.p12" -storepass training -keypass training 2> /dev/null
"$JDK/bin/keytool" -exportcert -rfc -alias training -keystore "$WORK/tls.p12" -storepass training -file "$WORK/tls.pem" 2> /dev/null
"$JDK/bin/keytool" -importcert -noprompt -alias training -file "$WORK/tls.pem" -storetype PKCS12 \
  -keystore "$WORK/trust.p12" -storepass training 2> /dev/null
cat > "$WORK/Receiver.java" <<'JAVA'
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Args: port, PKCS12 key store (password "training"), log file (one request path a line). */
public class Receiver {
  public static void main(String[] a) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(a[1]))) {
      ks.load(in, "training".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "training".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(a[0])), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    PrintStream log = new PrintStream(new FileOutputStream(a[2], true), true, StandardCharsets.UTF_8);
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      synchronized (log) {
        log.println(path);
      }
      // Slack answers "ok"; DingTalk and WeCom errcode 0; Feishu and Lark code 0; a webhook any 2xx.
      String answer = path.startsWith("/services/") ? "ok" : "{\"errcode\":0,\"errmsg\":\"ok\",\"code\":0}";
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    System.out.println("listening");
  }
}
JAVA
"$JDK/bin/java" "$WORK/Receiver.java" "$TLS_PORT" "$WORK/tls.p12" "$WORK/received.log" > "$WORK/receiver.log" 2>&1 &
PIDS+=($!)
for i in $(seq 300); do grep -q listening "$WORK/emulator.log" 2>/dev/null && grep -q listening "$WORK/receiver.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$WORK/emulator.log" || { echo "training: the emulator did not start"; cat "$WORK/emulator.log"; exit 1; }
grep -q listening "$WORK/receiver.log" || { echo "training: the alert receiver did not start"; cat "$WORK/receiver.log"; exit 1; }
(cd "$WORK" && unzip -q -o "$OLDPWD/$JAR" 'policies/*')
EMU="http://127.0.0.1:$EMU_PORT"
HOOK="https://127.0.0.1:$TLS_PORT"
cat > "$WORK/guard.yaml" <<YAML
mode: restore
retryBudgetSeconds: 5
ram: { endpoint: "$EMU" }
actiontrail: { endpoint: "$EMU" }
resourcemanager: { endpoint: "$EMU" }
roles:
  - name: AliyunEMRSparkJobRunDefaultRole
  - name: test-serverless-spark-jobrun
    detachUnexpected: true
    trustPolicyFile: policies/execution-role-trust.json
    description: Custom execution role
    policies:
      - { name: test-serverless-spark, type: Custom, documentFile: policies/custom-execution-role-oss-dlf.json }
  - name: spark-jobrun-maxcompute
    trustPolicyFile: policies/execution-role-trust.json
    description: Custom execution role with MaxCompute
    policies:
      - { name: spark-maxcompute, type: Custom, documentFile: policies/maxcompute-act-on-behalf.json }
      - { name: spark-kms, type: Custom, documentFile: policies/kms-for-encrypted-oss.json }
alerts:
  - { type: webhook,  url: "\${env:T_WEBHOOK}",  secret: "\${env:T_SECRET}" }
  - { type: dingtalk, url: "\${env:T_DINGTALK}", secret: "\${env:T_SECRET}" }
  - { type: feishu,   url: "\${env:T_FEISHU}",   secret: "\${env:T_SECRET}" }
  - { type: lark,     url: "\${env:T_LARK}",     secret: "\${env:T_SECRET}" }
  - { type: wecom,    url: "\${env:T_WECOM}" }
  - { type: slack,    url: "\${env:T_SLACK}" }
state: { store: oss, endpoint: "$EMU", bucket: guard-state-local, secret: "\${env:GUARD_STATE_SECRET}" }
YAML
env GUARD_CONFIG="$WORK/guard.yaml" FC_SERVER_PORT="$FC_PORT" \
  ALIBABA_CLOUD_ACCESS_KEY_ID=STS.DemoGuardKey0001 ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-guard-secret-not-real \
  GUARD_STATE_SECRET=training-state-key-0123456789abcdef T_SECRET=training-secret-not-real \
  T_WEBHOOK="$HOOK/hook/ops?token=training" T_DINGTALK="$HOOK/robot/send?access_token=training" \
  T_FEISHU="$HOOK/open-apis/bot/v2/hook/feishu" T_LARK="$HOOK/open-apis/bot/v2/hook/lark" \
  T_WECOM="$HOOK/cgi-bin/webhook/send?key=training" T_SLACK="$HOOK/services/T0/B0/training" \
  sh -c "cd $OUT/code && exec ../jre/bin/java $FLAGS -Djavax.net.ssl.trustStore=$WORK/trust.p12 \
    -Djavax.net.ssl.trustStorePassword=training -XX:AOTCacheOutput=guard.aot -cp spark-role-guard.jar $MAIN" \
  > "$WORK/training.log" 2>&1 &
TRAIN=$!
PIDS+=($TRAIN)
for i in $(seq 600); do curl -s -o /dev/null "http://127.0.0.1:$FC_PORT/" && break; sleep 0.1; done
n=0
post() { n=$((n + 1)); curl -s -o "$WORK/answer.json" -w '%{http_code}' -X POST -H "x-fc-request-id: training-$n" \
  -H 'Content-Type: application/octet-stream' --data-binary "$2" "http://127.0.0.1:$FC_PORT/$1" || true; }
expect() {  # $1: what the answer must contain, $2: the payload
  post invoke "$2" > /dev/null
  grep -q "$1" "$WORK/answer.json" 2> /dev/null || { echo "training: $2 did not answer $1"; cat "$WORK/answer.json"; tail -40 "$WORK/training.log"; exit 1; }
}
[ "$(post initialize '')" = 200 ] || { echo "training: /initialize failed"; cat "$WORK/answer.json" "$WORK/training.log"; exit 1; }
expect '"restored"' @events/eventbridge-delete-role-default.json
expect '"restored"' @events/eventbridge-create-policy-version-custom.json
post invoke @events/resourcemanager-delete-service-linked-role.json > /dev/null
expect '"in_sync"' @events/eventbridge-update-role-trust-default.json
expect 'duplicate' @events/eventbridge-delete-role-default.json
post invoke @events/skip-unrelated-service.json > /dev/null
expect '"restored"' @events/timer.json
expect '"in_sync"' @events/command-check-custom-role.json
post invoke @events/command-restore-custom-role.json > /dev/null
post invoke '{"action":"history","roleName":"AliyunEMRSparkJobRunDefaultRole","hours":1}' > /dev/null
kill "$TRAIN"
wait "$TRAIN" || true
grep -q 'AOTCache creation is complete' "$WORK/training.log" || { echo "training: no AOT cache"; cat "$WORK/training.log"; exit 1; }
for path in /hook/ /robot/ /open-apis/bot/v2/hook/feishu /open-apis/bot/v2/hook/lark /cgi-bin/webhook/ /services/; do
  grep -q "^$path" "$WORK/received.log" || { echo "training: no alert reached $path"; cat "$WORK/received.log"; exit 1; }
done

# --- package and check that the cache survives deployment ----------------------------------
(cd "$OUT" && rm -f jre-layer.zip code.zip && TZ=UTC zip -qr -X jre-layer.zip jre && cd code && TZ=UTC zip -qr -X ../code.zip .)
mkdir -p "$WORK/opt" "$WORK/code"
(cd "$WORK/opt" && unzip -q "$OLDPWD/$OUT/jre-layer.zip")
(cd "$WORK/code" && unzip -q "$OLDPWD/$OUT/code.zip")
# The function jar has no command line: start the runtime with a port it refuses, which it says
# only once its main runs, that is after the JVM accepted the cache (-XX:AOTMode=on).
started=$(cd "$WORK/code" && FC_SERVER_PORT=cache-check "$WORK/opt/jre/bin/java" $FLAGS -XX:AOTMode=on -XX:AOTCache=guard.aot \
  -cp spark-role-guard.jar $MAIN 2>&1 || true)
grep -q 'FC_SERVER_PORT: not a port' <<< "$started" \
  || { echo "the AOT cache is not usable after zip/unzip in another directory:"; echo "$started" | head -5; exit 1; }
echo "custom runtime: $OUT/code ($(du -sh "$OUT/code" | cut -f1)), JRE layer $OUT/jre-layer.zip ($(du -sh "$OUT/jre-layer.zip" | cut -f1), $(du -sh "$OUT/jre" | cut -f1) unpacked); AOT cache checked after unzip"
