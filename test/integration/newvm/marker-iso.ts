// The small bootable ISO of the New VM tests: grub-mkrescue (BIOS and UEFI in one image, GRUB not signed) prints a
// marker with GRUB's platform on the serial console, so the serial log proves which firmware booted it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MARKER = 'VIRTDECK-ISO-BOOTED';

/** Why the marker ISO cannot be made here, or undefined when it can. */
export const markerIsoUnavailable = (): string | undefined =>
  spawnSync('grub-mkrescue', ['--version']).status === 0 ? undefined : 'grub-mkrescue not installed (test/testbed/install-deps.sh)';

/** Writes the ISO to `iso` (its tree goes to `work`); throws with grub-mkrescue's stderr when that fails. */
export function makeMarkerIso(work: string, iso: string): void {
  mkdirSync(join(work, 'boot', 'grub'), { recursive: true });
  writeFileSync(join(work, 'boot', 'grub', 'grub.cfg'), [
    'serial --unit=0 --speed=115200', 'terminal_output serial console',
    // the trailing '.': under UEFI the firmware's console echoes the line onto the serial port without a break
    `echo "${MARKER} platform=$grub_platform ."`, 'sleep 3600', '',
  ].join('\n'));
  const mk = spawnSync('grub-mkrescue', ['-o', iso, work], { encoding: 'utf8' });
  if (mk.status !== 0) throw new Error(`grub-mkrescue failed: ${mk.stderr}`);
}

/** The GRUB platform ('pc', 'efi') the marker line on a serial log names, or undefined before it shows. */
export const markerPlatform = (serial: string): string | undefined => new RegExp(`${MARKER} platform=(\\w+) \\.`).exec(serial)?.[1];
