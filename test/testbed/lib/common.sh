# shellcheck shell=bash
# common.sh -- settings and helpers shared by up.sh, down.sh, selftest.sh and bin/*.
# Sourced, not executed.  $TB is the test bed's state directory (never inside the repo);
# the scripts themselves are copied there by up.sh, so bin/tbssh etc. work from $TB alone.

TB=${TB:-$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)}
STATE=$TB/state                 # pid files of what we started
HOSTS_DIR=$TB/hosts             # persistent "disks" of the hosts (h1, h2, ...)
SW_BR=tbsw0                     # bridge inside the private "switch" netns
KEY=$TB/ssh/id_ed25519          # client key of the tests
PY=/usr/bin/python3

# Settings: environment first, then what up.sh saved in tb.env (so down.sh and bin/*
# find a test bed started with other ports without being told again), then defaults.
saved_setting() { [[ ! -f $TB/tb.env ]] || sed -n "s/^$1=//p" "$TB/tb.env"; }
BASE_PORT=${TB_BASE_PORT:-$(saved_setting TB_BASE_PORT)}; BASE_PORT=${BASE_PORT:-2200} # host i: sshd on 127.0.0.1:BASE_PORT+i
LAB=${TB_LAB_NET:-$(saved_setting TB_LAB_NET)};           LAB=${LAB:-172.31.201}       # lab LAN: host i = LAB.(10+i)
PREFIX=${TB_NAME_PREFIX:-$(saved_setting TB_NAME_PREFIX)}; PREFIX=${PREFIX:-h}         # host i is called PREFIX<i>

log()  { printf '[%s] %s\n' "$(date +%T.%3N)" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }

# pid_matches PID PATTERN: PID is alive and its command line contains PATTERN.
# Every signal we send is guarded by this (pid reuse, foreign processes).
pid_matches() {
    local pid=$1 pat=$2 cmd
    [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' </proc/"$pid"/cmdline 2>/dev/null) || return 1
    [[ $cmd == *"$pat"* ]]
}
readpid() { cat "$STATE/$1" 2>/dev/null || true; }

# host_init I: root-namespace pid of host I's PID 1, if it is running.
# The trailing blank in the pattern keeps h1 from matching h10.
host_init() {
    local p; p=$(readpid "$PREFIX$1.init")
    pid_matches "$p" "reaper.py tb-$PREFIX$1 " && echo "$p"
}
sw_pid() {
    local p; p=$(readpid sw.pid)
    pid_matches "$p" "reaper.py tb-switch " && echo "$p"
}
# running_hosts: indexes of the hosts up.sh started that are still alive
running_hosts() {
    local f b
    for f in "$STATE/$PREFIX"*.init; do
        [[ -e $f ]] || continue
        b=${f##*/}; b=${b%.init}; b=${b#"$PREFIX"}
        host_init "$b" >/dev/null && echo "$b"
    done
}

# nsx I CMD...: run CMD in all namespaces of host I (mount uts ipc net pid)
nsx() {
    local i=$1 p; shift
    p=$(host_init "$i") || die "host $PREFIX$i is not running"
    nsenter -t "$p" -m -u -i -n -p -- "$@"
}
# nsx_clean I CMD...: the same with a clean environment (for daemons)
nsx_clean() {
    local i=$1; shift
    nsx "$i" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TB="$TB" TB_BASE_PORT="$BASE_PORT" TB_LAB_NET="$LAB" \
        TB_NAME_PREFIX="$PREFIX" "$@"
}

sock_path() { echo "$HOSTS_DIR/$PREFIX$1/run/libvirt/libvirt-sock"; }
sock_uri()  { echo "qemu+unix:///system?socket=$(sock_path "$1")"; }
ssh_uri()   { echo "qemu+ssh://root@127.0.0.1:$((BASE_PORT + $1))/system?command=$TB/bin/tbssh"; }

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds
wait_for() {
    local t=$(($1 * 10)); shift
    while ((t-- > 0)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
    return 1
}
# first child of PID (the PID 1 that `unshare --fork` spawned)
child_of() { awk '{print $1}' /proc/"$1"/task/"$1"/children 2>/dev/null; }
# elapsed START_NS: seconds since START_NS (date +%s%N), one decimal
elapsed() { local d=$((($(date +%s%N) - $1) / 100000000)); echo "$((d / 10)).$((d % 10))"; }
# gone PID: PID no longer exists or is a zombie (kill -0 succeeds on zombies, and
# orphans re-parented to a container's PID 1 may stay zombies forever)
gone() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) || return 0; [[ $s == Z* ]]; }
# port_busy PORT: something listens on 127.0.0.1:PORT (or any address) in this netns
port_busy() { ss -Hltn "sport = :$1" | grep -q .; }
