// The cached test guest image for integration tests: builds it on first use (see README.md).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GuestImage {
  /** Compressed qcow2 that boots from its own disk; the base of linked clones. */
  qcow2: string;
  /** The unpacked root of the same build, for `chroot <rootfs> cloud-init ...`. */
  rootfs: string;
}

const BUILD = fileURLToPath(new URL('./build.sh', import.meta.url));

/** Path of the cached image, building it first if the recipe changed (about 2 minutes). */
export function guestImage(): GuestImage {
  const run = spawnSync('bash', [BUILD], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`test/guest/build.sh failed (exit ${run.status ?? run.signal})`);
  const qcow2 = run.stdout.trim();
  return { qcow2, rootfs: join(dirname(qcow2), 'rootfs') };
}

/** Why the image cannot be built here, or undefined when it can. */
export function guestImageUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'the guest image needs Linux';
  if (process.getuid?.() !== 0) return 'building the guest image needs root (mmdebstrap, chroot)';
  const missing = ['mmdebstrap', 'mkfs.ext4', 'qemu-img'].filter(
    (cmd) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd]).status !== 0 &&
      spawnSync('test', ['-x', `/usr/sbin/${cmd}`]).status !== 0,
  );
  return missing.length ? `missing ${missing.join(', ')} (apt-get install mmdebstrap e2fsprogs qemu-utils)` : undefined;
}
