#!/usr/bin/env bash
# Reruns every BENCHMARKS.md row in one go and writes the measured table: each harness prints
# "FIGURE key=value ..." lines beside its own output; this script collects them, checks each
# against its target (the TARGETS list below, the one place they are written), prints every target
# it misses, and writes the table to cli/target/bench/all/TABLE.md, and into BENCHMARKS.md between the
# markers "<!-- bench/all.sh begin -->" and "<!-- bench/all.sh end -->" when run with WRITE=1.
# No figure is typed by hand. Bounded: about 15-20 minutes on an idle 2-core machine.
# Sizes: SCAN_ROLES (default 500), FLEET_ACCOUNTS (100), FANOUT_ACCOUNTS (1000), ROUNDS (coldstart, 5), RUNS (state, 7);
# SMALL=1 runs every harness at a tiny size to try the script (its figures mean nothing);
# ONLY="restore scan" runs some steps only; KEEP=1 keeps the figures of the run before. Full logs: cli/target/bench/all/<step>.log.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=cli/target/bench/all
mkdir -p "$OUT"
if [ -n "${SMALL:-}" ]; then
  SCAN_ROLES=${SCAN_ROLES:-20}; FLEET_ACCOUNTS=${FLEET_ACCOUNTS:-4}; FANOUT_ACCOUNTS=${FANOUT_ACCOUNTS:-20}; ROUNDS=${ROUNDS:-1}; RUNS=${RUNS:-1}; WORST=${WORST:-2}
fi
STEPS=(
  "restore|bash bench/run.sh restore"
  "scan|bash bench/run.sh scan ${SCAN_ROLES:-500}"
  "fleet|env BENCH_JAVA_OPTS=-Xmx96m bash bench/run.sh fleet ${FLEET_ACCOUNTS:-100} 5"
  "worstcase|bash bench/run.sh worstcase ${WORST:-10}"
  "shared|bash bench/run.sh shared"
  "policy|bash bench/policy.sh"
  "jar|bash bench/jar.sh"
  "state-coldstart|env RUNS=${RUNS:-7} bash bench/state-coldstart.sh"
  "fanout|bash bench/run.sh fanout ${FANOUT_ACCOUNTS:-1000} 5 100"
  "coldstart|env ROUNDS=${ROUNDS:-5} ROUNDS_UNLIMITED=0 SKIP_BUILD= bash bench/coldstart.sh"
)
[ -n "${SMALL:-}" ] || STEPS+=("throughput|bash bench/run.sh throughput" "memory|bash bench/memory.sh" "verify|bash bench/verify-time.sh")
# key|comparison|limit|what the target says   (comparison: le, ge, eq:<other key>)
TARGETS=(
  "restore.default-role-deleted.ratio|le|1.25|time to restore a deleted default role <= 1.25x the sequential minimum"
  "restore.system-policy-detached.ratio|le|1.25|time to restore a detached system policy <= 1.25x the minimum"
  "restore.custom-document-edited.ratio|le|1.25|time to restore an edited custom document <= 1.25x the minimum"
  "restore.custom-policy-deleted.ratio|le|1.25|time to restore a deleted custom policy <= 1.25x the minimum"
  "scan.calls.per.role|le|3|scan: <= 3 calls per healthy role (Resource Management included)"
  "scan.ratio|le|1.2|scan wall time <= 1.2x calls / ram.qps (RAM's quota is unpublished)"
  "fleet.first.ratio|le|1.2|many accounts: first scan <= 1.2x the platform floor"
  "fleet.second.ratio|le|1.2|many accounts: second scan <= 1.2x its floor (one read round)"
  "coldstart.custom.cpu.ratio|le|6|cold start <= 6x a bare JDK 17 JVM's CPU time at 0.5 CPU (custom runtime, endpoints-only configuration)"
  "coldstart.custom.realistic.cpu.ratio|le|6|custom runtime, realistic restore with alerts, CPU <= 6x bare JDK 17 at 0.5 CPU"
  "fanout.ratio|le|1.2|1,000 accounts x 5 roles fanned out through FC: total time <= 1.2x the platform floor"
  "fanout.failed|le|0|fan-out: no shard left in the failure queue"
  "worstcase.delivered|ge|1|worst-case scan: every alert delivered"
  "verify.seconds|le|90|the README's test command, mvn -B verify, from a clean clone (median of 3) <= 90 s"
)
machine="$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
start=$(date +%s)
[ -n "${KEEP:-}" ] || : > "$OUT/figures.txt"  # KEEP=1: add to the last run's figures (a later figure wins)
for step in "${STEPS[@]}"; do
  name=${step%%|*}; cmd=${step#*|}
  if [ -n "${ONLY:-}" ] && ! [[ " $ONLY " == *" $name "* ]]; then continue; fi
  s=$(date +%s)
  printf '%-16s %s ... ' "$name" "$cmd"
  if bash -c "$cmd" > "$OUT/$name.log" 2>&1; then rc=ok; else rc="FAILED (exit $?, see $OUT/$name.log)"; fi
  echo "$rc, $(( $(date +%s) - s )) s"
  [ "$rc" = ok ] || echo "FIGURE $name.failed=1" >> "$OUT/figures.txt"
  grep -h '^FIGURE ' "$OUT/$name.log" >> "$OUT/figures.txt" || true
done
python3 - "$OUT" "$machine" "$(( $(date +%s) - start ))" "${TARGETS[@]}" <<'PY'
import re, sys
out, machine, seconds, targets = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
figures = {}
# "FIGURE a=1 b=2", or "FIGURE prefix a=1 b=2" (a restore break): prefix.a=1
for line in open(out + "/figures.txt").read().splitlines():
    toks = line.split()[1:]
    prefix = toks.pop(0) + "." if toks and "=" not in toks[0] else ""
    for kv in toks:
        k, _, v = kv.partition("=")
        figures[prefix + k] = v
rows, missed = [], []
for t in targets:
    key, cmp, limit, what = t.split("|", 3)
    v = figures.get(key)
    if v is None:
        met = "not measured"
    else:
        ok = float(v) <= float(limit) if cmp == "le" else float(v) >= float(limit)
        met = "yes" if ok else "**no**"
    if met != "yes": missed.append("%s: %s (%s %s %s)" % (what, v, key, cmp, limit))
    rows.append("| %s | %s | %s %s | %s |" % (what, v if v is not None else "-", "<=" if cmp == "le" else ">=", limit, met))
lines = ["<!-- bench/all.sh begin -->", "", "Measured by `bash bench/all.sh` (%s; %s s). Every figure below is the harness's own output." % (machine, seconds), "",
         "| target | measured | limit | met? |", "|---|---|---|---|"] + rows + ["", "All figures of the run:", ""]
lines += ["| figure | value |", "|---|---|"] + ["| %s | %s |" % (k, figures[k]) for k in sorted(figures)]
lines += ["", "<!-- bench/all.sh end -->"]
open(out + "/TABLE.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
if missed:
    print("\nTARGETS MISSED:")
    for m in missed: print("  - " + m)
PY
if [ -n "${WRITE:-}" ]; then
  python3 - "$OUT/TABLE.md" <<'PY'
import sys
table = open(sys.argv[1]).read().rstrip("\n")
doc = open("BENCHMARKS.md").read()
b, e = "<!-- bench/all.sh begin -->", "<!-- bench/all.sh end -->"
if b in doc and e in doc:
    doc = doc[:doc.index(b)] + table + doc[doc.index(e) + len(e):]
else:
    head, _, rest = doc.partition("\n\n")
    doc = head + "\n\n" + table + "\n\n" + rest
open("BENCHMARKS.md", "w").write(doc)
print("BENCHMARKS.md: table written")
PY
fi
