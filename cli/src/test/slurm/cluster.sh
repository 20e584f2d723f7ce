#!/usr/bin/env bash
# A throwaway single-node Slurm cluster for the sweep test, from Debian's slurm-wlm and munge.
#   cluster.sh start DIR   installs the packages if missing (root only), writes a munge key and a
#                          slurm.conf under DIR, starts munged, slurmctld and slurmd, waits for the
#                          node; prints "ready"; exit 3 with one line "cannot start Slurm: <reason>"
#   cluster.sh stop DIR    stops every daemon it started, by the PIDs recorded under DIR
# Clients use SLURM_CONF=DIR/slurm.conf.
set -uo pipefail
cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: cluster.sh start|stop DIR" >&2; exit 2; }

fail() { echo "cannot start Slurm: $*"; exit 3; }

stop() {
  # cancel what is still queued or running first, so no job step outlives the daemons
  if [ -f "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid" 2>/dev/null)" 2>/dev/null; then
    SLURM_CONF="$dir/slurm.conf" scancel --user="$(id -un)" 2>/dev/null
    for _ in $(seq 50); do
      [ -z "$(SLURM_CONF="$dir/slurm.conf" squeue -h 2>/dev/null)" ] && break
      sleep 0.2
    done
  fi
  for name in slurmd slurmctld munged; do
    pidfile="$dir/$name.pid"
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile" 2>/dev/null)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null
    fi
    rm -f "$pidfile"
  done
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "usage: cluster.sh start|stop DIR" >&2; exit 2; }
mkdir -p "$dir" || fail "cannot create $dir"
dir="$(cd "$dir" && pwd)"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
  [ "$(id -u)" = 0 ] || fail "slurm-wlm and munge are not installed and this is not root (apt-get install slurm-wlm munge)"
  command -v apt-get >/dev/null || fail "slurm-wlm and munge are not installed and there is no apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # the packages' own services must not start: this script runs its own daemons
  policy=/usr/sbin/policy-rc.d; saved=""
  if [ -e "$policy" ]; then saved="$dir/policy-rc.d.saved"; cp -p "$policy" "$saved"; fi
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
  ok=1
  apt-get install -y -q --no-install-recommends slurm-wlm munge >"$dir/apt.log" 2>&1 \
    || { apt-get update -q >>"$dir/apt.log" 2>&1 && apt-get install -y -q --no-install-recommends slurm-wlm munge >>"$dir/apt.log" 2>&1; } || ok=0
  if [ -n "$saved" ]; then cp -p "$saved" "$policy"; else rm -f "$policy"; fi
  [ "$ok" = 1 ] || fail "apt-get install slurm-wlm munge failed: $(tail -n 1 "$dir/apt.log")"
fi

host="$(hostname -s)"
cpus="$(nproc)"
mem="$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)"
user="$(id -un)"
mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
chmod 700 "$dir/munge"
head -c 1024 /dev/urandom > "$dir/munge/munge.key"
chmod 400 "$dir/munge/munge.key"
port() { # a free TCP port from $1 upwards
  local p="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
ctlport="$(port 16817)"; dport="$(port $((ctlport + 1)))"
cat > "$dir/slurm.conf" <<CONF
ClusterName=lottery-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$user
SlurmdUser=root
SlurmctldPort=$ctlport
SlurmdPort=$dport
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,bf_interval=1
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"

munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munged.pid" \
  --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" --force >"$dir/munged.out" 2>&1 \
  || fail "munged did not start: $(tail -n 1 "$dir/munged.out")"
slurmctld -f "$dir/slurm.conf" >"$dir/slurmctld.out" 2>&1 || { stop; fail "slurmctld did not start: $(tail -n 1 "$dir/slurmctld.out")"; }
slurmd -f "$dir/slurm.conf" >"$dir/slurmd.out" 2>&1 || { stop; fail "slurmd did not start: $(tail -n 1 "$dir/slurmd.out")"; }
for _ in $(seq 100); do
  state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1)"
  case "$state" in idle|mixed|allocated) echo "ready: $host, $cpus CPUs, slurm.conf $dir/slurm.conf"; exit 0 ;; esac
  sleep 0.2
done
reason="node state '${state:-none}': $(tail -n 1 "$dir/slurmd.log" 2>/dev/null)"
stop
fail "$reason"
