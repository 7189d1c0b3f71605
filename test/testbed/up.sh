#!/bin/bash
# up.sh [N] -- bring up N (default $TB_HOSTS or 3) libvirt hosts on this machine, host i
# reachable as qemu+ssh://root@127.0.0.1:$((BASE_PORT+i))/system.  Needs root.
#
# A host is a set of namespaces (mount, uts, ipc, net, pid) whose PID 1 is lib/reaper.py,
# with its own hostname, /run, /etc/libvirt, /var/lib/libvirt, /var/log/libvirt,
# /var/cache/libvirt and /etc/hosts (bind mounts from hosts/<name>/), a fresh /sys, and
# its own virtlogd, libvirtd and sshd.  Hosts share a lab LAN ($LAB.0/24, host i at
# $LAB.(10+i)) through a bridge in a separate "switch" netns.
# In the machine's own namespaces only one socat per host is added: it listens on
# 127.0.0.1:BASE_PORT+i and carries each connection into the host's sshd.  No interface,
# iptables rule or daemon of the machine is touched; its own libvirtd is not used.
#
# Idempotent: running hosts are checked, missing daemons restarted.  hosts/ survives
# down.sh like a disk survives a reboot (down.sh --purge wipes it).
# Settings (env): VIRTDECK_TESTBED (state dir), TB_HOSTS, TB_BASE_PORT (2200),
# TB_LAB_NET (172.31.201), TB_NAME_PREFIX (h), TB_DEFAULTS=1 (default network + pool).
set -euo pipefail
. "$(dirname "$0")/lib/entry.sh"
. "$TB/lib/common.sh"
. "$TB/lib/host-files.sh"
N=${1:-${TB_HOSTS:-3}}
[[ $N =~ ^[1-9][0-9]?$ ]] || die "usage: $0 [number of hosts, 1..99]"
T0=$(date +%s%N)

# ----------------------------------------------------------------- preflight
((EUID == 0)) || die "the test bed needs root (namespaces, libvirtd)"
for c in unshare nsenter ip ss socat virsh libvirtd virtlogd /usr/sbin/sshd ssh-keygen $PY qemu-system-x86_64; do
    command -v "$c" >/dev/null || die "missing command: $c (run test/testbed/install-deps.sh)"
done
id libvirt-qemu >/dev/null 2>&1 || die "no user libvirt-qemu (install libvirt-daemon-system)"
# a unix socket path holds at most 107 bytes
(($(printf %s "$(sock_path 99)" | wc -c) < 100)) || die "state directory path too long: $TB"
[[ -c /dev/kvm ]] || log "note: no /dev/kvm -- guests must use <domain type='qemu'>"

settings="TB_BASE_PORT=$BASE_PORT TB_LAB_NET=$LAB TB_NAME_PREFIX=$PREFIX"
if [[ -f $TB/tb.env && -n $(running_hosts) ]]; then
    [[ $(tr '\n' ' ' <"$TB/tb.env") == "$settings " ]] ||
        die "test bed in $TB runs with other settings ($(tr '\n' ' ' <"$TB/tb.env")); run down.sh first"
fi
tr ' ' '\n' <<<"$settings" >"$TB/tb.env"
mkdir -p "$STATE" "$HOSTS_DIR" "$TB/ssh"

# ------------------------------------------------------------ keys, /etc/hosts
# The client key and the host keys live in ssh/, which down.sh --purge keeps: no
# "host key changed" after a rebuild.
[[ -f $KEY ]] || ssh-keygen -q -t ed25519 -N '' -C virtdeck-testbed-client -f "$KEY"
{
    cat "$KEY.pub"
    [[ -f ${HOME:-/root}/.ssh/id_ed25519.pub ]] && cat "${HOME:-/root}/.ssh/id_ed25519.pub"
} >"$TB/ssh/authorized_keys"
for ((i = 1; i <= N; i++)); do
    hk=$TB/ssh/hostkey-$PREFIX$i
    [[ -f $hk ]] || ssh-keygen -q -t ed25519 -N '' -C "$PREFIX$i" -f "$hk"
    echo "[127.0.0.1]:$((BASE_PORT + i)),$PREFIX$i,$LAB.$((10 + i)) $(cut -d' ' -f1,2 "$hk.pub")"
done >"$TB/ssh/known_hosts.new"
mv "$TB/ssh/known_hosts.new" "$TB/ssh/known_hosts"
# /etc/hosts of every host is a bind mount of this file: rewrite it in place (same
# inode), never replace it, or running hosts keep seeing the old one.
hosts_file=$(
    echo "127.0.0.1 localhost"
    echo "::1 localhost ip6-localhost ip6-loopback"
    for ((i = 1; i <= N; i++)); do echo "$LAB.$((10 + i)) $PREFIX$i"; done
)
[[ -f $TB/etc-hosts && $(<"$TB/etc-hosts") == "$hosts_file" ]] || echo "$hosts_file" >"$TB/etc-hosts"

# ---------------------------------------------------------------- switch netns
SW=$(sw_pid || true)
if [[ -z $SW ]]; then
    setsid sh -c "echo \$\$ >'$STATE/sw.pid'; exec unshare --net $PY '$TB/lib/reaper.py' tb-switch" \
        </dev/null >>"$STATE/switch.log" 2>&1 &
    wait_for 5 sw_pid || die "switch namespace did not start"
    SW=$(sw_pid)
    nsenter -t "$SW" -n sh -ec "ip link set lo up; ip link add $SW_BR type bridge; ip link set $SW_BR up"
    log "switch netns up (pid $SW)"
fi

# ---------------------------------------------------------------- one host
boot_host() {   # new namespaces, mounts, hostname
    local i=$1 name=$PREFIX$1 H=$HOSTS_DIR/$PREFIX$1 up init
    # the host's /run is a plain directory: empty it as a tmpfs would be at boot
    rm -rf "$H/run"
    install -d -m 755 "$H/run" "$H/run/libvirt" "$H/run/sshd" "$H/run/lock" "$H/etc-upper" "$H/etc-work" "$H/home"
    rm -f "$STATE/$name.unshare"
    setsid sh -c "echo \$\$ >'$STATE/$name.unshare'; exec unshare --mount --uts --ipc --net --pid --fork --mount-proc $PY '$TB/lib/reaper.py' tb-$name" \
        </dev/null >>"$H/log/init.log" 2>&1 &
    wait_for 5 test -s "$STATE/$name.unshare" || die "$name: unshare did not start"
    up=$(cat "$STATE/$name.unshare")
    wait_for 5 eval '[[ -n $(child_of '"$up"') ]]' || die "$name: no PID 1 in the new namespaces"
    init=$(child_of "$up")
    echo "$init" >"$STATE/$name.init"
    host_init "$i" >/dev/null || die "$name: pid $init is not our reaper"
    # --mount-proc made the mount namespace private: nothing here leaks out
    nsx "$i" sh -ec "
        mount -t sysfs sysfs /sys
        mount -t overlay overlay -o 'lowerdir=/etc,upperdir=$H/etc-upper,workdir=$H/etc-work' /etc
        mount --bind '$H/home' /home
        mount --bind '$H/run' /run
        mount --bind '$H/etc-libvirt' /etc/libvirt
        mount --bind '$H/var-lib-libvirt' /var/lib/libvirt
        mount --bind '$H/log' /var/log/libvirt
        mount --bind '$H/cache' /var/cache/libvirt
        mount --bind '$TB/etc-hosts' /etc/hosts
        # root's dotfiles as on a fresh Debian server: sshd runs every command through root's bash, which reads
        # ~/.bashrc -- this machine's may start tools (pyenv: ~200 processes, ~100 ms per SSH channel)
        for f in .bashrc .profile; do
            if [ -e /root/\$f ] && [ -e /usr/share/base-files/dot\$f ]; then mount --bind /usr/share/base-files/dot\$f /root/\$f; fi
        done
        hostname '$name'
        ip link set lo up"
    log "$name: namespaces up (init pid $init)"
}

link_host() {   # veth eth0 (host) <-> tb-<name> (switch); also repairs a restarted switch
    local i=$1 name=$PREFIX$1
    nsx "$i" ip link show eth0 >/dev/null 2>&1 && return 0
    nsenter -t "$SW" -n ip link del "tb-$name" 2>/dev/null || true
    nsenter -t "$SW" -n ip link add "tb-$name" type veth peer name eth0 netns "$(host_init "$i")"
    nsenter -t "$SW" -n ip link set "tb-$name" master "$SW_BR" up
    nsx "$i" sh -ec "ip addr add $LAB.$((10 + i))/24 dev eth0; ip link set eth0 up"
}

forward_port() {   # 127.0.0.1:BASE_PORT+i in the machine's netns -> the host's sshd
    local i=$1 name=$PREFIX$1 port=$((BASE_PORT + $1)) init p listen
    # nodelay on both legs (here and in ns-connect.sh): a relay that holds back small writes (Nagle) until the
    # previous ones are acknowledged delays pipelined calls by a round trip each, which a direct link would not
    # -b: 256 KiB per read/write, on both legs too. With socat's 8 KiB default the two relays of a connection burned as
    # much CPU as sshd and ssh together (a 200 MiB scp: 0.8 s of socat), which a kernel-routed link does not.
    listen="-b 262144 TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork,nodelay"
    init=$(host_init "$i")
    p=$(readpid "$name.fwd")
    pid_matches "$p" "$listen EXEC:$TB/lib/ns-connect.sh $init 22" && return 0
    # a listener of ours for an older incarnation of the host: its process group goes
    pid_matches "$p" "TCP-LISTEN:$port," && kill -TERM -- -"$p" 2>/dev/null
    wait_for 3 eval "! port_busy $port" || die "port $port is taken by someone else (set TB_BASE_PORT)"
    setsid sh -c "echo \$\$ >'$STATE/$name.fwd'; exec socat $listen EXEC:'$TB/lib/ns-connect.sh $init 22'" \
        </dev/null >>"$HOSTS_DIR/$name/log/fwd.log" 2>&1 &
    wait_for 5 port_busy "$port" || die "$name: no listener on :$port"
}

for ((i = 1; i <= N; i++)); do
    t=$(date +%s%N)
    make_host_files "$i"
    write_sshd_config "$i"
    host_init "$i" >/dev/null || boot_host "$i"
    link_host "$i"
    nsx_clean "$i" "$TB/lib/host-daemons.sh" "$N" "$i" ||
        die "$PREFIX$i: daemons did not start (logs: $HOSTS_DIR/$PREFIX$i/log)"
    forward_port "$i"
    log "$PREFIX$i ready: $(ssh_uri "$i")  [$(elapsed "$t") s]"
done
log "test bed up in $TB: $N hosts in $(elapsed "$T0") s"
