# shellcheck shell=bash
# host-files.sh -- sourced by up.sh.  make_host_files I creates hosts/<name>/ once: the
# persistent "disk" of host I (its /etc/libvirt, /var/lib/libvirt, logs, sshd config).

make_host_files() {
    local i=$1 name=$PREFIX$1 H=$HOSTS_DIR/$PREFIX$1 seed
    [[ -f $H/.initialized ]] && return 0
    rm -rf "$H"
    install -d -m 755 "$H" "$H/etc-libvirt" "$H/var-lib-libvirt" "$H/log" "$H/log/qemu" "$H/cache" "$H/ssh"

    # The machine's libvirt config files and stock nwfilters -- but none of its
    # domains, networks, pools or secrets: every host starts empty.
    cp -a /etc/libvirt/*.conf /etc/libvirt/nwfilter "$H/etc-libvirt/"
    install -d -m 755 "$H/etc-libvirt/hooks" "$H/etc-libvirt/qemu" "$H/etc-libvirt/qemu/networks" \
        "$H/etc-libvirt/qemu/networks/autostart" "$H/etc-libvirt/storage" "$H/etc-libvirt/storage/autostart"
    install -d -m 700 "$H/etc-libvirt/secrets"
    # host_uuid must differ per host, or migration fails with "Attempt to migrate guest
    # to the same host" (the default comes from SMBIOS, the same for all of them).
    cat >>"$H/etc-libvirt/libvirtd.conf" <<CONF

# ---- VirtDeck test bed: $name ----
host_uuid = "7e57bed0-0000-4000-8000-$(printf %012x "$i")"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
CONF
    printf '\nlog_outputs = "3:file:/var/log/libvirt/virtlogd.log"\n' >>"$H/etc-libvirt/virtlogd.conf"
    # No cgroups: the host sees a fresh sysfs without /sys/fs/cgroup, and several
    # libvirtds sharing the machine's cgroup tree would step on each other.
    # QEMU as root: /dev/kvm here is root-only (0600, no udev rule giving group kvm access), and libvirt
    # compares "can the QEMU user open /dev/kvm" with what its probe saw; with libvirt-qemu they differ,
    # the capabilities cache is thrown away and QEMU re-probed on every define (5 s each).
    printf '\n# ---- VirtDeck test bed: %s ----\ncgroup_controllers = [ ]\nuser = "root"\ngroup = "root"\n' "$name" >>"$H/etc-libvirt/qemu.conf"

    install -d -m 711 "$H/var-lib-libvirt/boot" "$H/var-lib-libvirt/images" "$H/cache/qemu"
    install -d -m 755 "$H/var-lib-libvirt/dnsmasq"
    install -d -m 700 "$H/var-lib-libvirt/sanlock"
    install -d -m 750 -o libvirt-qemu -g libvirt-qemu "$H/var-lib-libvirt/qemu"
    # Borrow a sibling's qemu capabilities cache: saves 1-2 s of probing per host
    # (libvirt checks it and probes again if it is stale).
    for seed in "$HOSTS_DIR"/*/cache/qemu/capabilities; do
        [[ -d $seed ]] && { cp -a "$seed" "$H/cache/qemu/"; break; }
    done


    # TB_DEFAULTS=1: look like a fresh Debian host after virt-manager's first run: NAT
    # network "default" (virbr0, 192.168.122.0/24, autostart -- private to the host's
    # netns) and dir pool "default" on /var/lib/libvirt/images.
    if [[ ${TB_DEFAULTS:-0} == 1 ]]; then
        cp /usr/share/libvirt/networks/default.xml "$H/etc-libvirt/qemu/networks/default.xml"
        ln -sf /etc/libvirt/qemu/networks/default.xml "$H/etc-libvirt/qemu/networks/autostart/default.xml"
        printf '%s\n' "<pool type='dir'>" "  <name>default</name>" \
            "  <target><path>/var/lib/libvirt/images</path></target>" "</pool>" \
            >"$H/etc-libvirt/storage/default.xml"
        ln -sf /etc/libvirt/storage/default.xml "$H/etc-libvirt/storage/autostart/default.xml"
    fi
    touch "$H/.initialized"
}

# write_sshd_config I: sshd's config of host I, rewritten on every up.sh (so an existing host gets changes to it;
# a running sshd reads it when restarted).
write_sshd_config() {
    local name=$PREFIX$1 H=$HOSTS_DIR/$PREFIX$1
    cat >"$H/ssh/sshd_config.new" <<CONF
# sshd of test-bed host $name: port 22 of the host's own network namespace
Port 22
ListenAddress 0.0.0.0
HostKey $TB/ssh/hostkey-$name
PidFile /run/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
# no PAM: faster, and pam_loginuid/pam_systemd misbehave in a pid namespace
UsePAM no
# the state directory may sit under a world-writable parent (/tmp)
StrictModes no
# the test bed's key for root; other accounts (private to this host: /etc is an overlay, /home a private
# directory) use their own ~/.ssh/authorized_keys, as on a real host
AuthorizedKeysFile $TB/ssh/authorized_keys .ssh/authorized_keys
UseDNS no
MaxStartups 100:30:200
MaxSessions 100
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
X11Forwarding no
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
CONF
    mv -f "$H/ssh/sshd_config.new" "$H/ssh/sshd_config"
}
