// Storage pools per host: validated definitions for dir/fs/netfs/logical/iscsi/rbd, source discovery, lifecycle,
// and delete with a plain statement of what is destroyed.
import { randomUUID } from 'node:crypto';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { StoragePoolBuildFlags, type StoragePoolRef } from '../../libvirt/protocol/index.js';
import { XmlDoc } from '../../libvirt/xml/xml-doc.js';
import {
  DISCOVERABLE_POOL_TYPES,
  type DiscoverablePoolType,
  type PoolDefineOptions,
  type PoolDeletePlan,
  type PoolInfo,
} from '../../../shared/model/storage.js';
import { CoreError, errorMessage } from '../errors.js';
import { libvirtError } from '../libvirt-errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { TaskService } from '../tasks/task-service.js';
import type { UndoJournal } from '../tasks/undo-journal.js';
import { checkPoolPaths } from './host-paths.js';
import { readVolumeUsage, refuseUsed } from './host-volume-users.js';
import { checkHostName, poolXml, readPoolXml, validatePoolSpec, type PoolSpec, type PoolType } from './pool-spec.js';
import { readPoolSources, type PoolSourceCandidate } from './pool-sources.js';
import { formatSize } from './sizes.js';
import { findPool, listVolumesOf, readPool } from './storage-lookup.js';
import { describeUsers } from './volume-users.js';

export class PoolService {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly tasks: TaskService,
    private readonly undo: UndoJournal,
  ) {}

  async list(host?: string): Promise<PoolInfo[]> {
    const all = await Promise.all(
      this.hosts.namesOrOnline(host).map(async (h) => {
        const lv = this.hosts.libvirt(h);
        return Promise.all((await lv.listAllStoragePools()).map((p) => readPool(h, lv, p)));
      }),
    );
    return all.flat().sort((a, b) => a.host.localeCompare(b.host) || a.name.localeCompare(b.name));
  }

  async get(host: string, name: string): Promise<PoolInfo> {
    const lv = this.hosts.libvirt(host);
    return readPool(host, lv, await findPool(lv, host, name));
  }

  /** What the host can find for a pool type: NFS exports of `sourceHost`, LVM volume groups, iSCSI targets. */
  async discoverSources(host: string, type: DiscoverablePoolType, sourceHost?: string): Promise<PoolSourceCandidate[]> {
    if (!DISCOVERABLE_POOL_TYPES.includes(type)) {
      throw new CoreError('invalid', `source discovery works for ${DISCOVERABLE_POOL_TYPES.join(', ')}, not ${type}`);
    }
    if (type !== 'logical' && !sourceHost) throw new CoreError('invalid', `discovering ${type} sources needs the server (--source-host)`);
    let spec: string | null = null;
    if (sourceHost) {
      checkHostName(sourceHost);
      const doc = XmlDoc.create({ root: 'source', namespaces: {}, order: {} });
      doc.setValue('host/@name', doc.root, sourceHost);
      spec = doc.toString();
    }
    try {
      return readPoolSources(await this.hosts.libvirt(host).findStoragePoolSources(type, spec));
    } catch (err) {
      throw libvirtError(err, `finding ${type} sources on ${host}`);
    }
  }

  /** Every check define makes before it changes anything (spec, name and target clashes, host paths); the spec with defaults. */
  async check(host: string, input: PoolSpec, build: boolean): Promise<PoolSpec> {
    const spec = validatePoolSpec(input);
    const lv = this.hosts.libvirt(host);
    const existing = await Promise.all(
      (await lv.listAllStoragePools()).map(async (p) => ({ name: p.name, ...readPoolXml(await lv.storagePoolGetXmlDesc(p)) })),
    );
    if (existing.some((p) => p.name === spec.name)) throw new CoreError('exists', `a pool named "${spec.name}" already exists on ${host}`);
    const sameTarget = spec.type !== 'logical' && existing.find((p) => spec.target && p.targetPath === spec.target);
    if (sameTarget) throw new CoreError('invalid', `pool "${sameTarget.name}" on ${host} already uses ${spec.target}`);
    await checkPoolPaths(this.hosts.get(host), spec, build);
    return spec;
  }

  /**
   * Validates the spec and the host's paths, then defines (and optionally builds/starts) the pool. All or nothing:
   * on a failure the definition goes, durably (over the host's next connection if this one dropped); anything
   * `build` created stays, and is named in the error.
   */
  async define(host: string, input: PoolSpec, opts: PoolDefineOptions = {}): Promise<PoolInfo> {
    const spec = await this.check(host, input, opts.build ?? false);
    const lv = this.hosts.libvirt(host);
    const uuid = randomUUID();
    const undo = this.undo.begin(host, `define pool ${spec.name}`);
    try {
      const ref = await undo
        .attempt({ kind: 'remove-pool', uuid, name: spec.name }, () => lv.storagePoolDefineXml(poolXml(spec, uuid)))
        .catch((err: unknown) => {
          throw libvirtError(err, `defining pool "${spec.name}" on ${host}`);
        });
      try {
        if (opts.build) await buildPool(lv, ref, spec.type);
        if (opts.start) await lv.storagePoolCreate(ref);
        if (opts.autostart) await lv.storagePoolSetAutostart(ref, true);
      } catch (err) {
        throw libvirtError(err, `pool "${spec.name}" on ${host} was not kept`);
      }
      this.undo.commit(undo);
      return await readPool(host, lv, ref);
    } catch (err) {
      const out = await this.undo.rollback(undo);
      if (!out.left.length) throw err;
      throw new CoreError(
        err instanceof CoreError ? err.code : 'libvirt',
        `${errorMessage(err)}; NOT undone yet: ${out.left.join(', ')} (${out.error}); VirtDeck finishes this when ${host} is connected again`,
        { cause: err },
      );
    }
  }

  async build(host: string, name: string): Promise<PoolInfo> {
    return this.change(host, name, async (lv, ref) => {
      if (await lv.storagePoolIsActive(ref)) throw new CoreError('invalid', `pool "${name}" on ${host} is running; stop it before building`);
      await buildPool(lv, ref, readPoolXml(await lv.storagePoolGetXmlDesc(ref)).type);
    });
  }

  async start(host: string, name: string): Promise<PoolInfo> {
    return this.change(host, name, async (lv, ref) => {
      if (await lv.storagePoolIsActive(ref)) throw new CoreError('invalid', `pool "${name}" on ${host} is already running`);
      await lv.storagePoolCreate(ref);
    });
  }

  async stop(host: string, name: string): Promise<PoolInfo> {
    return this.change(host, name, async (lv, ref) => {
      if (!(await lv.storagePoolIsActive(ref))) throw new CoreError('invalid', `pool "${name}" on ${host} is not running`);
      await lv.storagePoolDestroy(ref);
    });
  }

  async refresh(host: string, name: string): Promise<PoolInfo> {
    return this.change(host, name, (lv, ref) => lv.storagePoolRefresh(ref));
  }

  async setAutostart(host: string, name: string, autostart: boolean): Promise<PoolInfo> {
    return this.change(host, name, (lv, ref) => lv.storagePoolSetAutostart(ref, autostart));
  }

  /** What delete would do, without doing it (the wizard shows this before asking to confirm). */
  async deletePlan(host: string, name: string, deleteData: boolean): Promise<PoolDeletePlan> {
    const lv = this.hosts.libvirt(host);
    const ref = await findPool(lv, host, name);
    const info = await readPool(host, lv, ref);
    const active = info.state !== 'inactive';
    // mkfs's lost+found shows as a volume of an fs pool; it belongs to the filesystem, which stays.
    const doomed = (deleteData && active ? await listVolumesOf(host, lv, ref) : []).filter(
      (v) => !(info.type === 'fs' && v.type === 'dir' && v.name === 'lost+found'),
    );
    // Volumes of this pool built on each other go together; any other user keeps them all.
    const usage = doomed.length ? await readVolumeUsage(this.hosts.get(host), lv) : null;
    const paths = new Set(doomed.map((v) => v.path));
    const volumes = doomed.map((v) => ({
      name: v.name,
      path: v.path,
      allocation: v.allocation,
      users: usage?.usersOf(v.path, (u) => u.kind === 'volume' && paths.has(u.path ?? '')) ?? [],
    }));
    const where = info.targetPath ?? info.source ?? '';
    const parts = [`Removes the definition of pool "${name}" on ${host}${active ? ' (stopping it first)' : ''}.`];
    if (!deleteData) {
      parts.push(`Its data stays${where ? ` in ${where}` : ''}; define the pool again to use it.`);
    } else {
      if (info.type === 'iscsi' || info.type === 'rbd') {
        throw new CoreError('invalid', `VirtDeck does not delete the data of ${info.type} pools; remove the definition only (without --delete-data)`);
      }
      if (!active) {
        throw new CoreError('invalid', `pool "${name}" on ${host} is not running, so its volumes cannot be listed; start it, or delete without --delete-data`);
      }
      const total = volumes.reduce((s, v) => s + v.allocation, 0);
      const list = volumes.length ? `: ${volumes.map((v) => v.name).join(', ')}` : '';
      parts.push(`DESTROYS ${volumes.length} volume(s) using ${formatSize(total)}${list}.`);
      if (info.type === 'dir') parts.push(`Then removes the directory ${info.targetPath}.`);
      if (info.type === 'fs') parts.push(`Then unmounts ${info.source} and removes the mount point ${info.targetPath}; the filesystem on the device stays.`);
      if (info.type === 'netfs') parts.push(`The files are deleted on the server (${info.source}); then the mount point ${info.targetPath} is removed.`);
      if (info.type === 'logical') parts.push(`Then removes the volume group (${info.source}) and the LVM labels of its physical volumes.`);
      const used = volumes.filter((v) => v.users.length);
      if (used.length) parts.push(`REFUSED while in use: ${used.map((v) => `${v.name} by ${describeUsers(v.users)}`).join('; ')}.`);
    }
    return { host, pool: name, deleteData, stop: active, volumes, statement: parts.join(' ') };
  }

  /** Stops and undefines the pool; with deleteData first deletes every volume and then the pool's storage. */
  async delete(host: string, name: string, deleteData: boolean): Promise<PoolDeletePlan> {
    const plan = await this.deletePlan(host, name, deleteData);
    refuseUsed(host, plan.volumes.map((v) => ({ volume: `${name}/${v.name}`, users: v.users })));
    const steps = [...(deleteData ? ['delete volumes'] : []), ...(plan.stop ? ['stop'] : []), ...(deleteData ? ['delete storage'] : []), 'undefine'];
    await this.tasks.run({ op: 'pool.delete', args: { pool: name }, host, steps }, async (ctx) => {
      const lv = this.hosts.libvirt(host);
      const ref = await findPool(lv, host, name);
      const run = (step: string, fn: () => Promise<void>): Promise<void> =>
        ctx.step(step, () => fn().catch((err: unknown) => Promise.reject(libvirtError(err, `${step} of pool "${name}" on ${host}`))));
      if (deleteData) {
        await run('delete volumes', async () => {
          for (const v of plan.volumes) await lv.storageVolDelete(await lv.storageVolLookupByName(ref, v.name));
        });
      }
      if (plan.stop) await run('stop', () => lv.storagePoolDestroy(ref));
      if (deleteData) await run('delete storage', () => lv.storagePoolDelete(ref));
      await run('undefine', () => lv.storagePoolUndefine(ref));
    });
    return plan;
  }

  private async change(host: string, name: string, fn: (lv: LibvirtConnection, ref: StoragePoolRef) => Promise<void>): Promise<PoolInfo> {
    const lv = this.hosts.libvirt(host);
    const ref = await findPool(lv, host, name);
    try {
      await fn(lv, ref);
    } catch (err) {
      throw libvirtError(err, `pool "${name}" on ${host}`);
    }
    return readPool(host, lv, ref);
  }
}

/** fs and logical never overwrite an existing filesystem / LVM label; dir and netfs only create the directory. */
async function buildPool(lv: LibvirtConnection, ref: StoragePoolRef, type: PoolType | string): Promise<void> {
  const flags = type === 'fs' || type === 'logical' ? StoragePoolBuildFlags.NO_OVERWRITE : StoragePoolBuildFlags.NEW;
  await lv.storagePoolBuild(ref, flags);
}
