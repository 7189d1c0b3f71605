// Uploads and downloads between a local file and a volume, as tasks with progress and SHA-256.
import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { VirErrorCode } from '../../libvirt/errors.js';
import { CoreError } from '../errors.js';
import { foundOrNull, libvirtError } from '../libvirt-errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { TaskService } from '../tasks/task-service.js';
import { findActivePool, findVolume } from './storage-lookup.js';
import { downloadFile, uploadFile, type TransferResult } from './transfer-streams.js';
import type { VolumeService } from './volumes.js';
import { readVolumeXml, type VolumeFormat } from './volume-spec.js';

export class TransferService {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly tasks: TaskService,
    private readonly volumes: VolumeService,
  ) {}

  /**
   * Uploads a local file into a volume (a task with progress). A missing volume is created first with the file's
   * size, as qcow2 when the file is a qcow2 image, else raw.
   */
  async upload(host: string, pool: string, name: string, file: string): Promise<TransferResult & { created: boolean }> {
    const size = (await stat(file).catch(() => {
      throw new CoreError('file.not-found', { path: file });
    })).size;
    const lv = this.hosts.libvirt(host);
    const ref = await findActivePool(lv, host, pool);
    let vol = await foundOrNull(lv.storageVolLookupByName(ref, name), VirErrorCode.NO_STORAGE_VOL);
    const created = vol === null;
    if (vol) {
      // Overwriting a volume something uses would change that VM's disk or a clone's base under it.
      await this.volumes.refuseIfUsed(host, lv, pool, name, await lv.storageVolGetPath(vol));
      const info = await lv.storageVolGetInfo(vol);
      const format = readVolumeXml(await lv.storageVolGetXmlDesc(vol)).format;
      if (format === 'raw' && size > info.capacity) {
        throw new CoreError('volume.file-too-large', { path: file, fileBytes: size, pool, volume: name, capacityBytes: info.capacity });
      }
    } else {
      const image = await imageFormat(file);
      await this.volumes.create(host, pool, { name, capacity: image.virtualSize ?? size, format: image.format });
      vol = await lv.storageVolLookupByName(ref, name);
    }
    const target = vol;
    const result = await this.tasks.run(
      { op: 'volume.upload', args: { pool, volume: name, file }, host, cancellable: true, steps: ['upload', 'refresh'] },
      async (ctx) => {
        const r = await ctx.step('upload', () => uploadFile({ lv, vol: target, session: this.hosts.get(host) }, file, ctx)).catch(async (err: unknown) => {
          if (created) await lv.storageVolDelete(target).catch(() => undefined);
          throw libvirtError(err, 'volume.upload-failed', { host, pool, volume: name });
        });
        await ctx.step('refresh', () => lv.storagePoolRefresh(ref));
        return r;
      },
    );
    return { ...result, created };
  }

  /** Downloads a volume into a new local file (a task with progress); an existing file is never overwritten. */
  async download(host: string, pool: string, name: string, file: string): Promise<TransferResult> {
    if (existsSync(file)) throw new CoreError('file.exists', { path: file });
    const lv = this.hosts.libvirt(host);
    const ref = await findActivePool(lv, host, pool);
    const vol = await findVolume(lv, host, ref, name);
    const info = await lv.storageVolGetInfo(vol);
    const format = readVolumeXml(await lv.storageVolGetXmlDesc(vol)).format;
    const expected = format === 'raw' || info.type === 'block' ? info.capacity : info.allocation;
    return this.tasks.run(
      { op: 'volume.download', args: { pool, volume: name, file }, host, cancellable: true },
      (ctx) =>
        downloadFile(lv, vol, file, expected, ctx).catch((err: unknown) => {
          throw libvirtError(err, 'volume.download-failed', { host, pool, volume: name });
        }),
    );
  }
}

/** qcow2 files start with "QFI\xfb" and carry their virtual size at byte 24 (big-endian u64). */
async function imageFormat(file: string): Promise<{ format: VolumeFormat; virtualSize: number | null }> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(32);
    const { bytesRead } = await fh.read(head, 0, 32, 0);
    if (bytesRead === 32 && head.readUInt32BE(0) === 0x514649fb) return { format: 'qcow2', virtualSize: Number(head.readBigUInt64BE(24)) };
    return { format: 'raw', virtualSize: null };
  } finally {
    await fh.close();
  }
}
