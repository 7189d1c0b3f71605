// A small ISO that boots under Secure Boot, made of Debian's own signed parts: shim (signed by Microsoft's UEFI CA,
// which OVMF_VARS_4M.ms.fd enrolls) -> GRUB for CDs (signed by Debian, trusted by shim; its built-in config finds the
// disc by /.disk/info and reads /boot/grub/grub.cfg) -> the test guest's kernel (signed by Debian). The initrd is the
// guest's plus a small cpio whose init (rdinit=) prints the SecureBoot EFI variable and the kernel's lockdown state on
// the serial console, then powers off. shim-signed and grub-efi-amd64-signed are fetched with `apt-get download` and
// unpacked into ~/.cache/virtdeck/secureboot, never installed on this machine.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';

export const SB_REPORT = 'VIRTDECK-SB';
const CACHE = join(homedir(), '.cache', 'virtdeck', 'secureboot');
const PACKAGES = ['shim-signed', 'grub-efi-amd64-signed'];
const SHIM = join(CACHE, 'root', 'usr/lib/shim/shimx64.efi.signed');
const GRUB = join(CACHE, 'root', 'usr/lib/grub/x86_64-efi-signed/gcdx64.efi.signed');
const TOOLS = ['apt-get', 'dpkg-deb', 'xorriso', 'mformat', 'mmd', 'mcopy'];
// The EFI global variable GUID: SecureBoot-<GUID> holds 4 bytes of attributes, then 1 (enforced) or 0.
const SECURE_BOOT_VAR = '/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c';

const REPORT_INIT = `#!/bin/sh
mkdir -p /dev /proc /sys
mount -t devtmpfs devtmpfs /dev
exec >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t securityfs securityfs /sys/kernel/security
insmod /efivarfs.ko
mount -t efivarfs efivarfs /sys/firmware/efi/efivars
echo "${SB_REPORT} SecureBoot=$(/od -An -tu1 -j4 -N1 ${SECURE_BOOT_VAR}) lockdown=$(cat /sys/kernel/security/lockdown) ."
poweroff -f
`;

const GRUB_CFG = [
  'serial --unit=0 --speed=115200', 'terminal_output serial console',
  `echo "${SB_REPORT}-GRUB ."`,
  'linux /boot/vmlinuz console=ttyS0,115200 rdinit=/report',
  'initrd /boot/initrd.img /boot/report.cpio', 'boot', '',
].join('\n');

/** What the guest printed: the SecureBoot variable (1 or 0) and the lockdown line, or undefined before it shows. */
export function secureBootReport(serial: string): { secureBoot: number; lockdown: string } | undefined {
  const m = new RegExp(`${SB_REPORT} SecureBoot=\\s*(\\d+) lockdown=(.*) \\.`).exec(serial);
  return m ? { secureBoot: Number(m[1]), lockdown: m[2]! } : undefined;
}

/** Fetches and unpacks the signed shim and GRUB once (cached); the reason when that cannot be done here. */
export function signedBootUnavailable(): string | undefined {
  if (existsSync(SHIM) && existsSync(GRUB)) return undefined;
  const missing = TOOLS.filter((t) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', t]).status !== 0);
  if (missing.length) return `missing ${missing.join(', ')} (test/testbed/install-deps.sh)`;
  const debs = join(CACHE, 'debs');
  rmSync(debs, { recursive: true, force: true });
  mkdirSync(debs, { recursive: true });
  const dl = spawnSync('apt-get', ['download', '-o', 'Acquire::Retries=0', '-o', 'Acquire::http::Timeout=30', ...PACKAGES], {
    cwd: debs, encoding: 'utf8', timeout: 300_000,
  });
  if (dl.status !== 0) {
    const why = (dl.stderr || dl.error?.message || '').trim().split('\n').pop();
    return `cannot fetch the signed shim and GRUB (apt-get download ${PACKAGES.join(' ')}): ${why}`;
  }
  const root = join(CACHE, `root.${process.pid}`);
  for (const deb of readdirSync(debs)) {
    const x = spawnSync('dpkg-deb', ['-x', join(debs, deb), root], { encoding: 'utf8' });
    if (x.status !== 0) return `dpkg-deb -x ${deb} failed: ${x.stderr.trim()}`;
  }
  rmSync(join(CACHE, 'root'), { recursive: true, force: true });
  renameSync(root, join(CACHE, 'root'));
  return existsSync(SHIM) && existsSync(GRUB) ? undefined : `${PACKAGES.join(' and ')} no longer hold ${basename(SHIM)} and ${basename(GRUB)}`;
}

/** Writes the Secure Boot ISO to `iso` (its tree goes to `work`), with the kernel and initrd of the guest `rootfs`. */
export function makeSecureBootIso(rootfs: string, work: string, iso: string): void {
  const kver = basename(readlinkSync(join(rootfs, 'vmlinuz'))).replace(/^vmlinuz-/, '');
  const boot = join(work, 'boot');
  mkdirSync(join(boot, 'grub'), { recursive: true });
  mkdirSync(join(work, '.disk'), { recursive: true });
  writeFileSync(join(work, '.disk', 'info'), 'VirtDeck Secure Boot test\n');
  writeFileSync(join(boot, 'grub', 'grub.cfg'), GRUB_CFG);
  copyFileSync(join(rootfs, 'boot', `vmlinuz-${kver}`), join(boot, 'vmlinuz'));
  copyFileSync(join(rootfs, 'boot', `initrd.img-${kver}`), join(boot, 'initrd.img'));
  // The guest's initrd has klibc's sh, mount, cat, insmod and poweroff, and glibc; od and efivarfs come from its root.
  writeFileSync(join(boot, 'report.cpio'), newcArchive({
    report: Buffer.from(REPORT_INIT),
    'efivarfs.ko': readFileSync(join(rootfs, 'lib', 'modules', kver, 'kernel', 'fs', 'efivarfs', 'efivarfs.ko')),
    od: readFileSync(join(rootfs, 'usr', 'bin', 'od')),
  }));
  // The El Torito EFI boot image: a FAT file system with the removable-media path shim boots from, and the GRUB
  // it chains to beside it.
  const img = join(boot, 'efi.img');
  writeFileSync(img, '');
  truncateSync(img, 8 << 20);
  run('mformat', ['-i', img, '-T', String(16 << 10), '-h', '2', '-s', '32', '::']);
  run('mmd', ['-i', img, '::/EFI', '::/EFI/BOOT']);
  run('mcopy', ['-i', img, SHIM, '::/EFI/BOOT/BOOTX64.EFI']);
  run('mcopy', ['-i', img, GRUB, '::/EFI/BOOT/grubx64.efi']);
  run('xorriso', ['-as', 'mkisofs', '-o', iso, '-R', '-J', '-V', 'VIRTDECK_SB', '-e', 'boot/efi.img', '-no-emul-boot', work]);
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}

/** A newc cpio archive of executable files at its root. GRUB's own `newc:` initrd entries would do, but the
 *  kernel (6.1) refuses Debian 12's GRUB 2.06 ones ("initramfs name without nulterm"). */
function newcArchive(files: Record<string, Buffer>): Buffer {
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const entry = (ino: number, name: string, mode: number, data: Buffer) => {
    const fields = [ino, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, name.length + 1, 0];
    const header = `070701${fields.map((f) => f.toString(16).padStart(8, '0')).join('')}${name}\0`;
    return [pad(Buffer.from(header)), pad(data)];
  };
  const parts = Object.entries(files).flatMap(([name, data], i) => entry(i + 1, name, 0o100755, data));
  return Buffer.concat([...parts, ...entry(0, 'TRAILER!!!', 0, Buffer.alloc(0))]);
}
