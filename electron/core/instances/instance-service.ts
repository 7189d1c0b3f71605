// Launching cloud-init instances: a spec is planned first (launch-planner.ts: every problem found before anything
// exists); then a task runs clone → seed → define → boot → cloud-init, and any failure (or cancel) undoes what was
// made: domain, seed, disk, address reservation.
import { writeSeedFile } from '../cloudinit/seed-file.js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from '../../../shared/model/errors.js';
import {
  launchWaitSec, type IpamConfig, type LaunchPlan, type LaunchPreview, type LaunchResult, type LaunchSpec, type LaunchValidation,
} from '../../../shared/model/instance.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import type { DomainRef } from '../../libvirt/protocol/index.js';
import { copyImageToHost } from '../migration/volume-copy.js';
import { buildInstanceSeed, renderSeed, type InstanceSpec } from '../cloudinit/index.js';
import { CoreError, errorReport } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { ImageService } from '../images/image-service.js';
import type { NetworkService } from '../networks/network-service.js';
import type { StorageService } from '../storage/storage-service.js';
import { uploadFile } from '../storage/transfer-streams.js';
import type { TaskContext, TaskService } from '../tasks/task-service.js';
import type { UndoJournal } from '../tasks/undo-journal.js';
import type { VmService } from '../vms/vm-service.js';
import { instanceDomainXml } from './domain-spec.js';
import { guestExec, guestInterfaces, waitForAgent } from './guest-agent.js';
import type { IpamService } from './ipam-service.js';
import { LaunchPlanner } from './launch-planner.js';
import { recordVmEvent } from '../vms/vm-history.js';

/**
 * Test hook, explicit on purpose: with VIRTDECK_TEST_FAIL_AFTER=<step> (clone, seed, define, boot) a launch throws
 * right after that step succeeded, so tests can prove the rollback leaves nothing behind.
 */
export const FAIL_AFTER_ENV = 'VIRTDECK_TEST_FAIL_AFTER';

export class InstanceService {
  private readonly planner: LaunchPlanner;

  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly storage: StorageService,
    networks: NetworkService,
    images: ImageService,
    private readonly ipam: IpamService,
    private readonly vms: VmService,
    private readonly tasks: TaskService,
    private readonly undo: UndoJournal,
  ) {
    this.planner = new LaunchPlanner(inventory, hosts, storage, networks, images, ipam);
  }

  /** Every problem of the spec, and the plan when there is none. Creates and reserves nothing. */
  async validate(spec: LaunchSpec): Promise<LaunchValidation> {
    const r = await this.planner.resolve(spec);
    return { ok: r.errors.length === 0, errors: r.errors, warnings: r.warnings, plan: r.errors.length ? null : (r.resolved?.plan ?? null) };
  }

  /** The files and the domain XML a launch would create. */
  async preview(spec: LaunchSpec): Promise<LaunchPreview> {
    const { plan, seed } = this.planner.require(await this.planner.resolve(spec));
    const files = renderSeed(seed).files;
    return { plan, userData: files.userData, metaData: files.metaData, networkConfig: files.networkConfig ?? null, domainXml: instanceDomainXml(plan, seed.users[0]?.name ?? null) };
  }

  /** Launches as a task with steps; on any failure everything made so far is removed again. */
  async launch(spec: LaunchSpec): Promise<LaunchResult> {
    const { plan, seed, ipam } = this.planner.require(await this.planner.resolve(spec));
    const wait = spec.wait ?? true;
    const steps = [...(plan.imageFrom ? ['image'] : []), 'clone', 'seed', 'define', 'boot', ...(wait ? ['cloud-init'] : [])];
    return this.tasks.run({ op: 'instance.launch', args: { name: plan.name, host: plan.host }, host: plan.host, cancellable: true, steps }, (ctx) =>
      this.run(plan, seed, ipam, wait ? (spec.waitTimeoutSec ?? launchWaitSec(plan.virtType)) : null, ctx),
    );
  }

  /** A VM is gone (deleted here or elsewhere): its addresses are released and its seed volume deleted. */
  vmRemoved(host: string, uuid: string): void {
    void this.ipam.releaseVm(uuid).catch(() => undefined);
    const inst = this.inventory.instances.takeInstance(host, uuid);
    if (inst) this.undo.schedule(host, `remove the seed of ${inst.vmName}`, [{ kind: 'delete-volume', pool: inst.pool, name: inst.seedVolume }]);
  }

  // --- the task ---

  private async run(plan: LaunchPlan, seed: InstanceSpec, ipam: IpamConfig | null, waitSec: number | null, ctx: TaskContext): Promise<LaunchResult> {
    const { host, pool } = plan;
    const lv = this.hosts.get(host).libvirt();
    const undo = this.undo.begin(host, `launch ${plan.name}`);
    const timings: Record<string, number> = {};
    const ip = plan.address?.split('/')[0] ?? null;
    const uuid = randomUUID();
    const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const value = await ctx.step(name, fn);
      timings[name] = Math.round(performance.now() - t0) / 1000;
      if (process.env[FAIL_AFTER_ENV] === name) throw new CoreError('launch.injected', { step: name });
      return value;
    };
    try {
      if (ipam && ip) {
        await this.ipam.reserve(ipam, ip, plan.name, undo.id);
        undo.record({ kind: 'release-ip', network: ipam.network, ip });
      }
      // Auto placement on a host without the image: copied there first (SHA-256 checked, with progress). The copy
      // stays registered there even when the launch fails later: it is a library image like any other.
      const from = plan.imageFrom;
      if (from !== null) await step('image', () => copyImageToHost(this.hosts, this.inventory, { host: from, name: plan.image.name, dest: host }, ctx));
      await step('clone', () =>
        undo.attempt({ kind: 'delete-volume', pool, name: plan.diskVolume }, () =>
          this.storage.volumes.create(host, pool, { name: plan.diskVolume, capacity: plan.diskBytes, format: 'qcow2', backing: plan.image.volume })));
      await step('seed', async () => {
        const { iso } = buildInstanceSeed(seed);
        await undo.attempt({ kind: 'delete-volume', pool, name: plan.seedVolume }, () =>
          this.storage.volumes.create(host, pool, { name: plan.seedVolume, capacity: iso.length, format: 'raw' }));
        const dir = mkdtempSync(join(tmpdir(), 'vd-seed-'));
        try {
          writeSeedFile(join(dir, 'seed.iso'), iso);
          const vol = await lv.storageVolLookupByName(await lv.storagePoolLookupByName(pool), plan.seedVolume);
          await uploadFile({ lv, vol }, join(dir, 'seed.iso'), ctx);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
      const dom = await step('define', () =>
        undo.attempt({ kind: 'remove-domain', uuid, name: plan.name }, () =>
          lv.domainDefineXml(instanceDomainXml(plan, seed.users[0]?.name ?? null, uuid))));
      await step('boot', () => lv.domainCreate(dom));
      let guestIp = plan.address;
      let cloudInit: string | null = null;
      if (waitSec !== null) {
        ({ guestIp, cloudInit } = await step('cloud-init', () => this.waitReady(lv, dom, plan, Date.now() + waitSec * 1000, ctx)));
      }
      await this.vms.syncHost(host, lv).catch(() => undefined);
      // The VM is VirtDeck's now: it owns the address and the seed, released with it (vmRemoved).
      this.undo.commit(undo, () => {
        this.inventory.instances.addInstance({
          host, vmUuid: dom.uuid, vmName: plan.name, image: plan.image.name, pool, seedVolume: plan.seedVolume, createdAt: new Date().toISOString(),
        });
        // Bound here at once; on the host in the background (a record still naming the task is this home's to fix).
        if (ipam && ip) void this.ipam.bind(host, ipam.network, ip, dom.uuid).catch(() => undefined);
        recordVmEvent(this.inventory, {
          host, vmUuid: dom.uuid, event: { kind: 'launched', params: { image: plan.image.name, ip: guestIp || null } },
          message: `launched from image ${plan.image.name}${guestIp ? ` at ${guestIp}` : ''}`, extra: { timings, placement: plan.placement },
        });
      });
      return { host, name: plan.name, uuid: dom.uuid, ip: guestIp, mac: plan.mac, placement: plan.placement, timings, cloudInit };
    } catch (err) {
      const out = await this.undo.rollback(undo);
      const failed = { host, name: plan.name, cause: errorReport(err), rolledBack: out.undone };
      if (out.left.length) throw new CoreError('launch.failed-pending', { ...failed, leftOver: out.left, why: out.error ?? report('undo.host-offline', { host }) }, { cause: err });
      throw new CoreError('launch.failed', failed, { cause: err });
    }
  }

  private async waitReady(lv: LibvirtConnection, dom: DomainRef, plan: LaunchPlan, deadline: number, ctx: TaskContext): Promise<{ guestIp: string | null; cloudInit: string }> {
    ctx.progress(null, report('note.waiting-agent', {}));
    await waitForAgent(lv, dom, deadline, ctx.signal);
    ctx.progress(null, report('note.waiting-cloud-init', {}));
    const status = await guestExec(lv, dom, ['cloud-init', 'status', '--wait', '--long'], deadline, ctx.signal);
    const text = status.stdout.replace(/^\.+\n?/, '').trim(); // `--wait` prints a dot per poll
    // 0 = done; 2 = done with recoverable errors (newer cloud-init); 1 = error.
    if (status.exitcode !== 0 && status.exitcode !== 2) {
      throw new CoreError('launch.cloud-init-failed', { vm: plan.name, exit: status.exitcode, output: text.replace(/\s+/g, ' ').slice(0, 400) });
    }
    const nic = (await guestInterfaces(lv, dom)).find((i) => i.mac === plan.mac);
    return { guestIp: nic?.ipv4[0] ?? plan.address, cloudInit: text };
  }
}
