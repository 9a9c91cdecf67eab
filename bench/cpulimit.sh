#!/usr/bin/env bash
# A CPU limit like Function Compute's `cpu: 0.5` for the cold-start runs: a cgroup whose CPU
# quota is CPU_LIMIT (default 0.5) of one core, period 100 ms.
#   bash bench/cpulimit.sh setup      create the cgroup; print the method, or "none" (and why)
#   bash bench/cpulimit.sh run CMD..  run CMD inside it (moves itself in, then execs CMD)
#   bash bench/cpulimit.sh teardown   remove the cgroup
#   bash bench/cpulimit.sh usage      the CPU time used inside it so far, in microseconds (cgroup
#                                     accounting: what the processes ran, whatever the machine's load)
# Methods, in order: cgroup v2 (cpu.max), cgroup v1 (cpu.cfs_quota_us), both need root;
# then systemd-run --scope -p CPUQuota (needs a running systemd; it adds its own start-up time
# to every run, which the report says). Without any of them the runs are NOT limited, and the
# method printed is "none".
set -euo pipefail
NAME=${CPU_CGROUP_NAME:-spark-role-guard-bench}
LIMIT=${CPU_LIMIT:-0.5}
QUOTA=$(awk "BEGIN {printf \"%d\", $LIMIT * 100000}")
STATE=${TMPDIR:-/tmp}/$NAME.method

v2_dir() {
  local root
  root=$(awk '$3 == "cgroup2" {print $2; exit}' /proc/mounts)
  [ -n "$root" ] && grep -qw cpu "$root/cgroup.controllers" 2>/dev/null && echo "$root/$NAME"
}
v1_dir() {
  local root
  root=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ {print $2; exit}' /proc/mounts)
  [ -n "$root" ] && [ -f "$root/cpu.cfs_quota_us" ] && echo "$root/$NAME"
}

case "${1:-}" in
  setup)
    if d=$(v2_dir) && [ -n "$d" ] && { grep -qw cpu "$(dirname "$d")/cgroup.subtree_control" 2>/dev/null \
        || echo +cpu > "$(dirname "$d")/cgroup.subtree_control"; } 2>/dev/null \
        && mkdir -p "$d" 2>/dev/null && echo "$QUOTA 100000" > "$d/cpu.max" 2>/dev/null; then
      echo "cgroup-v2 $d" > "$STATE"
    elif d=$(v1_dir) && [ -n "$d" ] && mkdir -p "$d" 2>/dev/null && echo 100000 > "$d/cpu.cfs_period_us" \
        && echo "$QUOTA" > "$d/cpu.cfs_quota_us" 2>/dev/null; then
      acct=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpuacct(,|$)/ {print $2; exit}' /proc/mounts)
      if [ -n "$acct" ] && [ "$acct" != "$(dirname "$d")" ]; then mkdir -p "$acct/$NAME"; else acct=$(dirname "$d"); fi
      echo "cgroup-v1 $d $acct/$NAME" > "$STATE"
    elif command -v systemd-run > /dev/null && systemd-run --scope -q -p CPUQuota=$(awk "BEGIN {print $LIMIT * 100}")% true 2>/dev/null; then
      echo "systemd-run -" > "$STATE"
    else
      echo "none -" > "$STATE"
    fi
    read -r method dir acct < "$STATE"
    case $method in
      none) echo "none: no writable cgroup and no systemd; the runs below are NOT CPU-limited";;
      systemd-run) echo "systemd-run --scope -p CPUQuota=$(awk "BEGIN {print $LIMIT * 100}")% (its own start-up is inside every time)";;
      *) echo "$method $dir: $LIMIT CPU ($QUOTA us per 100000 us)";;
    esac
    ;;
  run)
    shift
    read -r method dir acct < "$STATE"
    case $method in
      cgroup-v2) echo $$ > "$dir/cgroup.procs"; exec "$@";;
      cgroup-v1) echo $$ > "$dir/cgroup.procs"; [ "$acct" = "$dir" ] || echo $$ > "$acct/cgroup.procs"; exec "$@";;
      systemd-run) exec systemd-run --scope -q -p CPUQuota=$(awk "BEGIN {print $LIMIT * 100}")% "$@";;
      *) exec "$@";;
    esac
    ;;
  usage)
    read -r method dir acct < "$STATE"
    case $method in
      cgroup-v2) awk '$1 == "usage_usec" {print $2}' "$dir/cpu.stat";;
      cgroup-v1) echo $(( $(cat "$acct/cpuacct.usage") / 1000 ));;
      *) echo -1;;
    esac
    ;;
  teardown)
    if [ -f "$STATE" ]; then
      read -r method dir acct < "$STATE"
      case $method in cgroup-v2|cgroup-v1) rmdir "$dir" 2>/dev/null || true; [ -z "${acct:-}" ] || rmdir "$acct" 2>/dev/null || true;; esac
      rm -f "$STATE"
    fi
    ;;
  *) echo "usage: bash bench/cpulimit.sh setup|run CMD...|usage|teardown" >&2; exit 2;;
esac
