#!/bin/bash
# host-daemons.sh N I -- runs INSIDE host I (nsenter, see up.sh).  Starts whatever is not
# running yet: virtlogd, libvirtd, sshd, and one socat per host J relaying the host's own
# 127.0.0.1:BASE_PORT+J to hJ's sshd on the lab LAN -- so the URIs the tests use also work
# from inside every host (peer-to-peer and tunnelled migration).  Idempotent.
set -u
TB=${TB:-$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)}
. "$TB/lib/common.sh"
N=$1 I=$2
H=$HOSTS_DIR/$PREFIX$I

alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

alive /run/virtlogd.pid || virtlogd -d
alive /run/libvirtd.pid || libvirtd -d || exit 1
# libvirtd answers once it has probed qemu's capabilities (first start: 1-3 s)
wait_for 60 virsh -q -c qemu:///system uri || { echo "libvirtd does not answer" >&2; exit 1; }
# sshd daemonizes before it binds and writes its pid file once it listens: wait for that, not for its exit
alive /run/sshd.pid || { /usr/sbin/sshd -f "$H/ssh/sshd_config" -E "$H/log/sshd.log" && wait_for 10 alive /run/sshd.pid; } || exit 1

for ((j = 1; j <= N; j++)); do
    port=$((BASE_PORT + j)) pidf=/run/tb-fwd-$((BASE_PORT + j)).pid
    alive "$pidf" && continue
    socat TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork TCP:"$LAB.$((10 + j))":22 \
        </dev/null >>"$H/log/fwd-inner.log" 2>&1 &
    echo $! >"$pidf"
done
exit 0
