// Storage pools per host: validated definitions for dir/fs/netfs/logical/iscsi/rbd, source discovery, lifecycle,
// and delete with a plan of what is destroyed (data the front ends word).
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
import { report } from '../../../shared/model/errors.js';
import { CoreError, errorReport, toCoreError } from '../errors.js';
import { libvirtError } from '../libvirt-errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { changeOne, listOnHosts } from '../hosts/per-host.js';
import type { TaskService } from '../tasks/task-service.js';
import type { UndoJournal } from '../tasks/undo-journal.js';
import { checkPoolPaths } from './host-paths.js';
import { withPoolField } from './pool-fields.js';
import { readVolumeUsage, refuseUsed } from './host-volume-users.js';
import { checkHostName, poolXml, readPoolXml, validatePoolSpec, type PoolSpec, type PoolType } from './pool-spec.js';
import { readPoolSources, type PoolSourceCandidate } from './pool-sources.js';
import { withFilesystems } from './pool-filesystems.js';
import { findPool, listVolumesOf, readPool } from './storage-lookup.js';

export class PoolService {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly tasks: TaskService,
    private readonly undo: UndoJournal,
  ) {}

  async list(host?: string): Promise<PoolInfo[]> {
    return listOnHosts(this.hosts, host, async (h, lv) =>
      withFilesystems(this.hosts.get(h).transport, await Promise.all((await lv.listAllStoragePools()).map((p) => readPool(h, lv, p)))),
    );
  }

  async get(host: string, name: string): Promise<PoolInfo> {
    const lv = this.hosts.libvirt(host);
    return readPool(host, lv, await findPool(lv, host, name));
  }

  /** What the host can find for a pool type: NFS exports of `sourceHost`, LVM volume groups, iSCSI targets. */
  async discoverSources(host: string, type: DiscoverablePoolType, sourceHost?: string): Promise<PoolSourceCandidate[]> {
    if (!DISCOVERABLE_POOL_TYPES.includes(type)) {
      throw new CoreError('pool.discover-type', { type, types: DISCOVERABLE_POOL_TYPES });
    }
    if (type !== 'logical' && !sourceHost) throw new CoreError('pool.discover-needs-host', { type });
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
      throw libvirtError(err, 'pool.discover-failed', { host, type });
    }
  }

  /** Every check define makes before it changes anything (spec, name and target clashes, host paths); the spec with defaults. */
  /** Every check define makes; its error names the spec field it is about (pool-fields.ts). */
  async check(host: string, input: PoolSpec, build: boolean): Promise<PoolSpec> {
    try {
      return await this.checkSpec(host, input, build);
    } catch (err) {
      throw withPoolField(input, toCoreError(err));
    }
  }

  private async checkSpec(host: string, input: PoolSpec, build: boolean): Promise<PoolSpec> {
    const spec = validatePoolSpec(input);
    const lv = this.hosts.libvirt(host);
    const existing = await Promise.all(
      (await lv.listAllStoragePools()).map(async (p) => ({ name: p.name, ...readPoolXml(await lv.storagePoolGetXmlDesc(p)) })),
    );
    if (existing.some((p) => p.name === spec.name)) throw new CoreError('pool.exists', { host, pool: spec.name });
    const sameTarget = spec.type !== 'logical' && existing.find((p) => spec.target && p.targetPath === spec.target);
    if (sameTarget) throw new CoreError('pool.target-in-use', { host, pool: sameTarget.name, path: spec.target ?? '' });
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
          throw libvirtError(err, 'pool.define-failed', { host, pool: spec.name });
        });
      try {
        if (opts.build) await buildPool(lv, ref, spec.type);
        if (opts.start) await lv.storagePoolCreate(ref);
        if (opts.autostart) await lv.storagePoolSetAutostart(ref, true);
      } catch (err) {
        throw libvirtError(err, 'pool.not-kept', { host, pool: spec.name });
      }
      this.undo.commit(undo);
      return await readPool(host, lv, ref);
    } catch (err) {
      const out = await this.undo.rollback(undo);
      if (!out.left.length) throw err;
      throw new CoreError('undo.pending', { host, cause: errorReport(err), leftOver: out.left, why: out.error ?? report('undo.host-offline', { host }) }, { cause: err });
    }
  }

  async build(host: string, name: string): Promise<PoolInfo> {
    return this.change(host, name, async (lv, ref) => {
      if (await lv.storagePoolIsActive(ref)) throw new CoreError('pool.running', { host, pool: name });
      await buildPool(lv, ref, readPoolXml(await lv.storagePoolGetXmlDesc(ref)).type);
    });
  }

  async start(host: string, name: string): Promise<PoolInfo> {
    return this.change(host, name, async (lv, ref) => {
      if (await lv.storagePoolIsActive(ref)) throw new CoreError('pool.already-running', { host, pool: name });
      await lv.storagePoolCreate(ref);
    });
  }

  async stop(host: string, name: string): Promise<PoolInfo> {
    return this.change(host, name, async (lv, ref) => {
      if (!(await lv.storagePoolIsActive(ref))) throw new CoreError('pool.not-running', { host, pool: name });
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
    if (deleteData) {
      if (info.type === 'iscsi' || info.type === 'rbd') throw new CoreError('pool.data-kept', { type: info.type });
      if (!active) throw new CoreError('pool.inactive-data', { host, pool: name });
    }
    return { host, pool: name, type: info.type, targetPath: info.targetPath, source: info.source, deleteData, stop: active, volumes };
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
        ctx.step(step, () => fn().catch((err: unknown) => Promise.reject(libvirtError(err, 'pool.delete-failed', { host, pool: name }))));
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
    return changeOne(findPool(lv, host, name), (ref) => fn(lv, ref), (err) => libvirtError(err, 'pool.failed', { host, pool: name }), (ref) => readPool(host, lv, ref));
  }
}

/** fs and logical never overwrite an existing filesystem / LVM label; dir and netfs only create the directory. */
async function buildPool(lv: LibvirtConnection, ref: StoragePoolRef, type: PoolType | string): Promise<void> {
  const flags = type === 'fs' || type === 'logical' ? StoragePoolBuildFlags.NO_OVERWRITE : StoragePoolBuildFlags.NEW;
  await lv.storagePoolBuild(ref, flags);
}
