#!/bin/bash
# selftest.sh -- smoke test of a running test bed (>= 2 hosts) through qemu+ssh, as the app
# talks to hosts: isolation, lifecycle, storage, snapshots, networks, migration.  Objects
# are named st-* and removed again.  Prints PASS/FAIL and milliseconds per step; exit 1 on
# any failure.  About a minute.
set -u
. "$(dirname "$0")/lib/entry.sh"
. "$TB/lib/common.sh"
U1=$(ssh_uri 1) U2=$(ssh_uri 2)
mkdir -p "$STATE"
W=$(mktemp -d "$STATE/selftest.XXXX")
IMG=/var/lib/libvirt/st-images   # own directory: a 'default' pool may own images/
FAILED=0

step() {   # step LABEL CMD...
    local label=$1 t rc; shift
    t=$(date +%s%N)
    "$@" >"$W/out" 2>&1; rc=$?
    printf '%-4s %6d ms  %s\n' "$( ((rc == 0)) && echo PASS || echo FAIL)" $((($(date +%s%N) - t) / 1000000)) "$label"
    ((rc == 0)) || { FAILED=1; sed 's/^/        /' "$W/out" | head -5; }
    return $rc
}
v1() { virsh -q -c "$U1" "$@"; }
v2() { virsh -q -c "$U2" "$@"; }
all() { local c; for c in "$@"; do eval "$c" || return 1; done; }
# domain_xml NAME [VOLUME] [NETWORK]: TCG guest, no OS needed (SeaBIOS runs forever)
domain_xml() {
    echo "<domain type='qemu'><name>$1</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features><devices>
${2:+<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$IMG/$2'/><target dev='vda' bus='virtio'/></disk>}
${3:+<interface type='network'><source network='$3'/><model type='virtio'/></interface>}
<serial type='pty'/><graphics type='vnc' autoport='yes' listen='127.0.0.1'/></devices></domain>"
}
cleanup() {
    local v d n f
    for v in v1 v2; do
        for d in st-diskless st-nic st-disk; do $v destroy $d; $v undefine $d --snapshots-metadata; done
        for n in st-nat st-iso st-br; do $v net-destroy $n; $v net-undefine $n; done
        for f in st-a.qcow2 st-up.raw st-clone.qcow2 st-disk.qcow2; do $v vol-delete --pool st-pool $f; done
        $v pool-destroy st-pool; $v pool-undefine st-pool
    done >/dev/null 2>&1
    nsx 1 ip link del st-br0 2>/dev/null
    rm -rf "$HOSTS_DIR"/*/var-lib-libvirt/st-images
}
cleanup

echo "== isolation and lifecycle"
step "hostnames differ" all '[[ $(v1 hostname) != $(v2 hostname) ]]'
domain_xml st-diskless >"$W/d.xml"
step "define on host 1" v1 define "$W/d.xml"
step "host 1 sees it, host 2 does not" all 'v1 list --all --name | grep -qx st-diskless' '! v2 list --all --name | grep -qx st-diskless'
step "start (TCG)" v1 start st-diskless
step "VNC through ssh -W" all "timeout 5 '$TB/bin/tbssh' -p $((BASE_PORT + 1)) -W 127.0.0.1:5900 root@127.0.0.1 </dev/null | head -c 3 | grep -q RFB"
step "destroy" v1 destroy st-diskless

echo "== storage"
for v in v1 v2; do
    step "$v: dir pool define, build, start" all "$v pool-define-as st-pool dir --target $IMG" "$v pool-build st-pool" "$v pool-start st-pool"
done
step "vol-create-as qcow2" v1 vol-create-as st-pool st-a.qcow2 64M --format qcow2
head -c 1M /dev/urandom >"$W/payload"
step "vol-upload" all 'v1 vol-create-as st-pool st-up.raw 1M --format raw' "v1 vol-upload --pool st-pool st-up.raw '$W/payload'"
step "vol-download, same bytes" all "v1 vol-download --pool st-pool st-up.raw '$W/back'" "cmp '$W/payload' '$W/back'"
step "vol-resize" v1 vol-resize --pool st-pool st-a.qcow2 128M
cat >"$W/clone.xml" <<XML
<volume><name>st-clone.qcow2</name><capacity unit='M'>128</capacity><target><format type='qcow2'/></target>
<backingStore><path>$IMG/st-a.qcow2</path><format type='qcow2'/></backingStore></volume>
XML
step "vol-create with a backing store" all "v1 vol-create st-pool '$W/clone.xml'" 'v1 vol-dumpxml --pool st-pool st-clone.qcow2 | grep -q "<backingStore>"'

echo "== snapshots"
step "disk volume" v1 vol-create-as st-pool st-disk.qcow2 64M --format qcow2
domain_xml st-disk st-disk.qcow2 >"$W/s.xml"
step "define + start with disk" all "v1 define '$W/s.xml'" 'v1 start st-disk'
step "internal snapshots s1, s2 while running" all 'v1 snapshot-create-as st-disk s1' 'v1 snapshot-create-as st-disk s2'
step "snapshot-list --tree" all 'v1 snapshot-list st-disk --tree | grep -q s2'
step "revert to s1" v1 snapshot-revert st-disk s1
step "delete s2, s1" all 'v1 snapshot-delete st-disk s2' 'v1 snapshot-delete st-disk s1'
step "external disk-only snapshot" v1 snapshot-create-as st-disk e1 --disk-only --atomic --diskspec "vda,snapshot=external,file=$IMG/st-disk.e1.qcow2"
step "revert to external: 'not supported yet'" all 'v1 snapshot-revert st-disk e1 2>&1 | grep -q "not supported yet"'
step "delete external (block commit)" v1 snapshot-delete st-disk e1

echo "== networks (inside host 1)"
echo "<network><name>st-iso</name><bridge name='st-iso0'/><ip address='192.168.210.1' netmask='255.255.255.0'/></network>" >"$W/n1.xml"
echo "<network><name>st-nat</name><forward mode='nat'/><bridge name='st-nat0'/><ip address='192.168.211.1' netmask='255.255.255.0'/></network>" >"$W/n2.xml"
echo "<network><name>st-br</name><forward mode='bridge'/><bridge name='st-br0'/></network>" >"$W/n3.xml"
step "isolated network" all "v1 net-define '$W/n1.xml'" 'v1 net-start st-iso'
step "NAT network (iptables in the host's netns)" all "v1 net-define '$W/n2.xml'" 'v1 net-start st-nat'
step "bridge network on a host bridge" all "nsx 1 sh -c 'ip link add st-br0 type bridge && ip link set st-br0 up'" "v1 net-define '$W/n3.xml'" 'v1 net-start st-br'
domain_xml st-nic '' st-br >"$W/d2.xml"
step "guest NIC on the bridge network" all "v1 define '$W/d2.xml'" 'v1 start st-nic' 'v1 domiflist st-nic | grep -q st-br'
step "hot-plug a NIC on the NAT network" v1 attach-interface st-nic network st-nat --model virtio --live
v1 destroy st-nic >/dev/null 2>&1

echo "== migration"
step "live, persistent, copy storage: 1 -> 2" v1 migrate --live --persistent --undefinesource --copy-storage-all st-disk "$U2"
step "running on host 2 only" all 'v2 domstate st-disk | grep -q running' '! v1 list --all --name | grep -qx st-disk'
v1 vol-delete --pool st-pool st-disk.qcow2 >/dev/null 2>&1
step "peer to peer (host 2 dials host 1): 2 -> 1" v2 migrate --p2p --live --persistent --undefinesource --copy-storage-all st-disk "$U1"
step "offline (definition only): 1 -> 2" all 'v1 destroy st-disk' "v1 migrate --offline --persistent --undefinesource st-disk '$U2'"

cleanup
rm -rf "$W"
((FAILED)) && { echo "SELFTEST FAILED"; exit 1; }
echo "SELFTEST PASSED"
