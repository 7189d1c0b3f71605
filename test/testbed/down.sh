#!/bin/bash
# down.sh [N] [--purge] -- stop the test bed's hosts (default: every host up.sh started),
# then the switch netns.  Per host:
#   1. the socat listener in the machine's netns (its whole process group);
#   2. inside the host, lib/host-stop.sh: destroy guests, stop networks and pools, stop
#      sshd, relays, libvirtd, virtlogd (TB_SHUTDOWN_GRACE=S: ACPI shutdown first);
#   3. TERM the host's PID 1: the kernel kills anything left in its pid namespace, and its
#      mounts, links, bridges and iptables rules vanish with the namespaces;
#   4. detach loop devices backed by files of this host.
# Only pids recorded in state/ whose command line matches are ever signalled.
# --purge also deletes hosts/ and state/ (ssh keys in ssh/ are kept).  Idempotent.
set -uo pipefail
. "$(dirname "$0")/lib/entry.sh"
. "$TB/lib/common.sh"
PURGE=0 N=
for a in "$@"; do
    case $a in
    --purge) PURGE=1 ;;
    [0-9]*) N=$a ;;
    *) die "usage: $0 [N] [--purge]" ;;
    esac
done
T0=$(date +%s%N)

hosts=()
if [[ -n $N ]]; then
    for ((i = 1; i <= N; i++)); do hosts+=("$i"); done
else
    for f in "$STATE/$PREFIX"*.init; do
        [[ -e $f ]] || continue
        b=${f##*/}; b=${b%.init}; hosts+=("${b#"$PREFIX"}")
    done
fi

for i in "${hosts[@]}"; do
    name=$PREFIX$i t=$(date +%s%N)
    p=$(readpid "$name.fwd")
    pid_matches "$p" "TCP-LISTEN:$((BASE_PORT + i))," && kill -TERM -- -"$p" 2>/dev/null
    rm -f "$STATE/$name.fwd"
    if init=$(host_init "$i"); then
        timeout 120 nsenter -t "$init" -m -u -i -n -p -- env TB="$TB" TB_BASE_PORT="$BASE_PORT" \
            TB_LAB_NET="$LAB" TB_NAME_PREFIX="$PREFIX" "$TB/lib/host-stop.sh" ||
            log "$name: host-stop failed or timed out; killing the namespace"
        kill -TERM "$init"
        wait_for 5 gone "$init" || { log "$name: PID 1 ignores TERM, KILL"; kill -KILL "$init"; }
        up=$(readpid "$name.unshare")
        pid_matches "$up" "reaper.py tb-$name " && wait_for 5 gone "$up"
        log "$name: stopped in $(elapsed "$t") s"
    fi
    rm -f "$STATE/$name.init" "$STATE/$name.unshare"
    losetup -nO NAME,BACK-FILE 2>/dev/null | while read -r dev back; do
        [[ $back == "$HOSTS_DIR/$name/"* ]] && losetup -d "$dev" && log "detached $dev ($back)"
    done
done

left=$(running_hosts)
if [[ -z $left ]]; then
    if sw=$(sw_pid); then
        kill -TERM "$sw"
        wait_for 5 gone "$sw"
        log "switch netns stopped"
    fi
    rm -f "$STATE/sw.pid"
fi
if ((PURGE)); then
    if [[ -n $left ]]; then
        log "not purging: hosts still running: $left"
    else
        rm -rf "$HOSTS_DIR" "$STATE" "$TB/etc-hosts" "$TB/tb.env"
        log "purged hosts/ and state/"
    fi
fi
log "down in $(elapsed "$T0") s"
