// A VirtDeck instance's NoCloud seed volume read back into its three files, and files written into a seed volume
// (through a temporary file: the volume streams move files).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import type { StorageVolRef } from '../../libvirt/protocol/index.js';
import { buildSeedIso } from '../cloudinit/index.js';
import { readIso9660Files } from '../cloudinit/iso9660-read.js';
import type { SeedFiles } from '../cloudinit/types.js';
import { downloadFile, uploadFile } from '../storage/transfer-streams.js';
import type { TaskContext } from '../tasks/task-service.js';

async function inTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'vd-seed-'));
  try {
    return await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readSeedVolume(lv: LibvirtConnection, vol: StorageVolRef, ctx: TaskContext): Promise<SeedFiles> {
  return inTempDir(async (dir) => {
    const info = await lv.storageVolGetInfo(vol);
    await downloadFile(lv, vol, join(dir, 'seed.iso'), info.capacity, ctx);
    const files = readIso9660Files(readFileSync(join(dir, 'seed.iso')));
    const text = (n: string): string | undefined => {
      const b = files.get(n);
      return b === undefined ? undefined : new TextDecoder().decode(b);
    };
    const networkConfig = text('network-config');
    return { userData: text('user-data') ?? '', metaData: text('meta-data') ?? '', ...(networkConfig === undefined ? {} : { networkConfig }) };
  });
}

/** The seed ISO of `files` (validated first), as a file in a temporary dir handed to `use`. */
export function withSeedIso<T>(files: SeedFiles, use: (file: string, bytes: number) => Promise<T>): Promise<T> {
  return inTempDir(async (dir) => {
    const iso = buildSeedIso(files);
    writeFileSync(join(dir, 'seed.iso'), iso);
    return use(join(dir, 'seed.iso'), iso.length);
  });
}

/** Writes `files` over an existing seed volume, grown first when the new ISO is larger. */
export function rewriteSeedVolume(lv: LibvirtConnection, vol: StorageVolRef, files: SeedFiles, ctx: TaskContext): Promise<void> {
  return withSeedIso(files, async (file, bytes) => {
    const info = await lv.storageVolGetInfo(vol);
    if (bytes > info.capacity) await lv.storageVolResize(vol, bytes, 0);
    await uploadFile({ lv, vol }, file, ctx);
  });
}
