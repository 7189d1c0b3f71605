#!/bin/bash
# install-deps.sh [EXTRA PACKAGES...] -- install with apt what the test bed needs (Debian 12),
# plus any extra packages named (CI adds chromium).  ovmf + swtpm: UEFI and TPM 2.0 guests (libvirt finds
# the firmware descriptors in /usr/share/qemu/firmware); grub + xorriso + mtools: the tests' bootable ISOs.  Idempotent and quiet: packages already
# installed are skipped, and without missing packages apt is not even called.
#
# Where no systemd runs (containers) and no policy-rc.d exists, a temporary one stops the
# packages from starting the machine's own libvirtd/sshd during installation.  The test bed
# never uses the machine's libvirtd either way: each test host runs its own.
set -euo pipefail
PACKAGES=(
    libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils
    socat openssh-server openssh-client iproute2 iptables dnsmasq-base
    python3 util-linux procps genisoimage sudo
    ovmf swtpm swtpm-tools
    grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools
)
missing=()
for p in "${PACKAGES[@]}" "$@"; do
    [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    echo "test bed packages: all present"
    exit 0
fi
((EUID == 0)) || { echo "missing packages (${missing[*]}); run as root" >&2; exit 1; }

POLICY=/usr/sbin/policy-rc.d
if [[ $(ps -o comm= -p 1) != systemd && ! -e $POLICY ]]; then
    printf '#!/bin/sh\n# temporary, from VirtDeck test/testbed/install-deps.sh\nexit 101\n' >"$POLICY"
    chmod +x "$POLICY"
    trap 'rm -f "$POLICY"' EXIT
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installed ${#missing[@]} package(s)"
