#!/bin/bash
# test/guest/build.sh - the project's test guest: a small Debian 12 image with real cloud-init
# (22.4) that boots from its own disk like a cloud image (MBR, one ext4 partition, GRUB i386-pc).
#
# Output is cached in $VIRTDECK_GUEST_CACHE (default ~/.cache/virtdeck/guest)/<key>/, where <key>
# is a hash of this file: the image is rebuilt only when the recipe changes.
# It also holds the guest side of the console clipboard test -- an X server (Xvfb on :0),
# spice-vdagent (the session agent runs against :0, spice-vdagentd talks to QEMU's qemu-vdagent
# over virtio-serial) and xclip -- as units that are not enabled: that test starts them
# (`systemctl start virtdeck-x virtdeck-vdagent`), no other guest runs them. One image, built once
# per CI run, instead of a second "desktop" build.
# cloud-init makes only ed25519 and ECDSA host keys: RSA key generation under TCG took 8-19 s of
# every first boot (cloud-init analyze: init-network/config-ssh).
#   <key>/base.qcow2   compressed qcow2, the read-only backing image for linked clones
#   <key>/rootfs/      the unpacked root (for `chroot rootfs cloud-init schema ...`)
# stdout: the path of base.qcow2 (one line, nothing else). Progress goes to stderr.
#
# Needs root, mmdebstrap, e2fsprogs, qemu-utils and the Debian mirror apt already uses.
# No loop devices, mounts or device-mapper: the disk is a plain file (mkfs.ext4 -E offset=),
# partitioned and given GRUB by the guest's own sfdisk/grub-mkimage run via chroot.
set -euo pipefail

CACHE=${VIRTDECK_GUEST_CACHE:-$HOME/.cache/virtdeck/guest}
RECIPE=$(readlink -f "$0")
HASH=$(sha256sum "$RECIPE" | cut -c1-64)
KEY=${HASH:0:16}
DIR=$CACHE/$KEY
log() { echo "[guest] $*" >&2; }

if [ -f "$DIR/base.qcow2" ] && [ -d "$DIR/rootfs" ]; then
  echo "$DIR/base.qcow2"
  exit 0
fi
mkdir -p "$CACHE"
# One build per key at a time; a second caller waits and then finds the finished image.
exec 9>"$CACHE/.lock-$KEY"
flock 9
if [ -f "$DIR/base.qcow2" ]; then echo "$DIR/base.qcow2"; exit 0; fi

for cmd in mmdebstrap mkfs.ext4 qemu-img; do
  command -v "$cmd" >/dev/null || { log "missing $cmd (apt-get install mmdebstrap e2fsprogs qemu-utils)"; exit 2; }
done
[ "$(id -u)" = 0 ] || { log "needs root (mmdebstrap --mode=root, chroot)"; exit 2; }

DISK_SIZE=2G          # virtual size; cloud-init's growpart grows the partition to the clone size
PSTART=2048           # first sector of partition 1 (1 MiB); GRUB's core.img lives before it
# Fixed per recipe (derived from the key): every build of one recipe gives the same root UUID.
ROOTUUID=${HASH:0:8}-${HASH:8:4}-${HASH:12:4}-${HASH:16:4}-${HASH:20:12}
MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
SECMIRROR=$(awk '/^URIs:/{n++; if (n==2) {print $2; exit}}' /etc/apt/sources.list.d/debian.sources)

# On top of minbase: the cloud kernel (virtio as modules in the initramfs), init, cloud-init with
# the ifupdown (ENI) renderer as in Debian's own cloud images, growpart, sshd, sudo, the guest
# agent, and grub-pc-bin (grub-mkimage + i386-pc modules; no grub-pc, so no update-grub).
PKGS=linux-image-cloud-amd64,initramfs-tools,kmod,systemd-sysv,udev,dbus,cloud-init,\
cloud-guest-utils,iproute2,ifupdown,openssh-server,sudo,qemu-guest-agent,locales,procps,grub-pc-bin
PKGS=$PKGS,xvfb,xclip,spice-vdagent

WORK=$CACHE/.build-$KEY
rm -rf "$WORK"; mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/rootfs
RAW=$WORK/disk.raw
t0=$(date +%s)

log "mmdebstrap bookworm into $ROOT"
mmdebstrap --quiet --mode=root --variant=minbase --include="$PKGS" \
  --customize-hook="echo 'UUID=$ROOTUUID / ext4 defaults,errors=remount-ro 0 1' > \"\$1/etc/fstab\"" \
  --customize-hook='echo localhost > "$1/etc/hostname"; printf "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n" > "$1/etc/hosts"' \
  --customize-hook='chmod 644 "$1/etc/hostname" "$1/etc/hosts"; rm -f "$1/etc/resolv.conf"; : > "$1/etc/resolv.conf"' \
  --customize-hook='echo "en_US.UTF-8 UTF-8" > "$1/etc/locale.gen"; chroot "$1" locale-gen >/dev/null; echo LANG=en_US.UTF-8 > "$1/etc/default/locale"' \
  --customize-hook='rm -f "$1"/etc/ssh/ssh_host_*; : > "$1/etc/machine-id"; rm -f "$1/var/lib/dbus/machine-id"' \
  --customize-hook='rm -rf "$1"/var/lib/cloud/* "$1"/var/log/cloud-init*' \
  --customize-hook='chroot "$1" systemctl mask e2scrub_reap.service e2scrub_all.timer >/dev/null 2>&1' \
  --customize-hook='printf "# static grub.cfg, no grub-pc package\ngrub_dpkg:\n  enabled: false\nssh_genkeytypes: [ed25519, ecdsa]\n" > "$1/etc/cloud/cloud.cfg.d/90-virtdeck-guest.cfg"' \
  bookworm "$ROOT" \
  "deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main" "deb $SECMIRROR bookworm-security main" \
  </dev/null >&2
t1=$(date +%s)

# The clipboard test's X side, started by that test only (no [Install]: nothing enables it). No display manager, no
# logind session: Xvfb as a system service, the session agent beside it, and spice-vdagentd with -X (no session
# tracking; it serves the one agent there is). The cloud kernel has no uinput, without which spice-vdagentd quits:
# its pointer events go to /dev/null as a "fifo" (-f) instead.
cat > "$ROOT/etc/systemd/system/virtdeck-x.service" <<'EOF'
[Unit]
Description=X server :0 for the clipboard test (Xvfb)
[Service]
ExecStart=/usr/bin/Xvfb :0 -screen 0 1024x768x24 -nolisten tcp
Restart=always
EOF
cat > "$ROOT/etc/systemd/system/virtdeck-vdagent.service" <<'EOF'
[Unit]
Description=spice-vdagent session agent on :0
After=virtdeck-x.service
Requires=virtdeck-x.service
[Service]
Environment=DISPLAY=:0 XDG_SESSION_TYPE=x11
ExecStartPre=/bin/sh -c 'until [ -S /tmp/.X11-unix/X0 ]; do sleep 0.5; done'
ExecStart=/usr/bin/spice-vdagent -x
Restart=always
RestartSec=2
EOF
echo 'SPICE_VDAGENTD_EXTRA_ARGS="-X -f -u /dev/null"' > "$ROOT/etc/default/spice-vdagentd"

# GRUB files inside the filesystem: the modules core.img loads, and a static grub.cfg that boots
# the /vmlinuz and /initrd.img symlinks the kernel package keeps current.
KVER=$(ls "$ROOT/lib/modules" | sort -V | tail -1)
mkdir -p "$ROOT/boot/grub/i386-pc"
cp "$ROOT"/usr/lib/grub/i386-pc/*.mod "$ROOT"/usr/lib/grub/i386-pc/*.lst "$ROOT/boot/grub/i386-pc/"
cat > "$ROOT/boot/grub/grub.cfg" <<EOF
# written by virtdeck test/guest/build.sh; static (no update-grub in this image)
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
insmod part_msdos
insmod ext2
search --no-floppy --fs-uuid --set=root $ROOTUUID
menuentry 'Debian GNU/Linux 12 (virtdeck test guest, $KVER)' {
  linux  /vmlinuz root=UUID=$ROOTUUID ro console=tty0 console=ttyS0,115200n8
  initrd /initrd.img
}
EOF

# The disk as a sparse file: the ext4 filesystem written straight at 1 MiB into it.
truncate -s "$DISK_SIZE" "$RAW"
DISKBYTES=$(stat -c %s "$RAW")
mkfs.ext4 -q -F -L virtdeck-root -U "$ROOTUUID" -E offset=$((PSTART * 512)) -d "$ROOT" \
  "$RAW" $(( (DISKBYTES - PSTART * 512) / 1024 ))k
# Partition table and GRUB with the guest's own tools; the chroot sees the disk by a hard link.
G=/tmp/virtdeck-grub
mkdir -p "$ROOT$G"
ln "$RAW" "$ROOT$G/disk.raw"
echo "start=$PSTART, type=83, bootable" | chroot "$ROOT" sfdisk -q --no-reread --wipe never "$G/disk.raw" 2>/dev/null
# core.img: prefix "(,msdos1)" = partition 1 of the boot disk, whatever its BIOS number.
chroot "$ROOT" grub-mkimage -O i386-pc -d /usr/lib/grub/i386-pc -o "$G/core.img" \
  -p '(,msdos1)/boot/grub' biosdisk part_msdos ext2
CORESEC=$(( ($(stat -c %s "$ROOT$G/core.img") + 511) / 512 ))
[ "$CORESEC" -lt "$PSTART" ] || { log "core.img ($CORESEC sectors) does not fit before sector $PSTART"; exit 1; }
# boot.img's first 440 bytes into the MBR (the partition table stays), core.img from sector 1.
# grub-mkimage already points core.img's block list at sector 2 and boot.img at sector 1.
dd if="$ROOT/usr/lib/grub/i386-pc/boot.img" of="$RAW" bs=440 count=1 conv=notrunc status=none
dd if="$ROOT$G/core.img" of="$RAW" bs=512 seek=1 conv=notrunc status=none
rm -rf "${ROOT:?}$G"
t2=$(date +%s)

qemu-img convert -c -f raw -O qcow2 "$RAW" "$WORK/base.qcow2"
chmod 644 "$WORK/base.qcow2"
rm -f "$RAW"
t3=$(date +%s)

# Publish atomically: the directory appears complete or not at all.
rm -rf "$DIR"
mv "$WORK" "$DIR"
trap - EXIT
log "built in $((t3 - t0)) s (mmdebstrap $((t1 - t0)), disk $((t2 - t1)), qcow2 $((t3 - t2)));" \
    "qcow2 $(du -h "$DIR/base.qcow2" | cut -f1), cloud-init $(chroot "$DIR/rootfs" dpkg-query -W -f='${Version}' cloud-init), kernel $KVER"
echo "$DIR/base.qcow2"
