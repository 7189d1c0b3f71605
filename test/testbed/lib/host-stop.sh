#!/bin/bash
# host-stop.sh -- runs INSIDE a host (nsenter, see down.sh).  Destroys running domains,
# stops networks and pools, then TERMs sshd, the relays, libvirtd and virtlogd and waits
# for them.  Definitions (domains, pools, networks, volumes) stay on the host's "disk".
set -u
TB=${TB:-$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)}
. "$TB/lib/common.sh"
V="timeout 20 virsh -q -c qemu:///system"
GRACE=${TB_SHUTDOWN_GRACE:-0}   # > 0: ask guests to shut down (ACPI) for that many seconds first

alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

if alive /run/libvirtd.pid; then
    if ((GRACE > 0)); then
        for d in $($V list --name 2>/dev/null); do $V shutdown "$d" >/dev/null 2>&1; done
        for ((t = 0; t < GRACE * 10; t++)); do
            [[ -z $($V list --name 2>/dev/null) ]] && break
            sleep 0.1
        done
    fi
    for d in $($V list --name 2>/dev/null); do $V destroy "$d" >/dev/null; done
    for n in $($V net-list --name 2>/dev/null); do $V net-destroy "$n" >/dev/null; done
    for p in $($V pool-list --name 2>/dev/null); do $V pool-destroy "$p" >/dev/null; done
fi

pids=()
for f in /run/sshd.pid /run/tb-fwd-*.pid /run/libvirtd.pid /run/virtlogd.pid; do
    if alive "$f"; then p=$(cat "$f"); kill -TERM "$p"; pids+=("$p"); fi
done
for ((t = 0; t < 100; t++)); do   # up to 10 s
    left=0
    for p in "${pids[@]}"; do gone "$p" || left=1; done
    ((left)) || break
    sleep 0.1
done
for p in "${pids[@]}"; do gone "$p" || { echo "pid $p ignores TERM, KILL" >&2; kill -KILL "$p"; }; done
exit 0
