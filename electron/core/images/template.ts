// A template from a VirtDeck instance: through its guest agent the guest forgets who it was (cloud-init state, its
// machine-id, its SSH host keys), it shuts down, and its disk is copied — flattened, no backing file — into a new
// volume of the same pool, made read-only and registered in the image library. Launches and linked clones then use
// it as their base; each boots as a new machine (cloud-init runs again, new machine-id and host keys).
import type { ImageInfo } from '../../../shared/model/instance.js';
import { SHUTDOWN_WAIT_SEC, type VmRef } from '../../../shared/model/vm.js';
import { lockRefuses } from '../../../shared/model/vm-rules.js';
import type { DomainRef } from '../../libvirt/protocol/index.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import type { Inventory } from '../../inventory/inventory.js';
import { CoreError } from '../errors.js';
import { hostRun } from '../hosts/host-exec.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { guestExec, waitForAgent } from '../instances/guest-agent.js';
import { checkName } from '../storage/names.js';
import { diskPath } from '../storage/disk-path.js';
import type { StorageService } from '../storage/storage-service.js';
import type { TaskContext } from '../tasks/task-service.js';
import { waitUntilOff } from '../vms/vm-actions.js';
import type { VmService } from '../vms/vm-service.js';
import type { ImageService } from './image-service.js';

/** Run in the guest as root, in turn. A symlinked /var/lib/dbus/machine-id (Debian's) follows /etc/machine-id; an
 *  empty /etc/machine-id makes systemd draw a new one at the next boot; cloud-init makes new SSH host keys. */
const FORGET_IDENTITY: readonly string[][] = [
  ['cloud-init', 'clean', '--logs'],
  ['truncate', '-s', '0', '/etc/machine-id'],
  ['/bin/sh', '-c', '[ -L /var/lib/dbus/machine-id ] || rm -f /var/lib/dbus/machine-id'],
  ['/bin/sh', '-c', 'rm -f /etc/ssh/ssh_host_*'],
  ['sync'],
];
const AGENT_WAIT_MS = 30_000;
const CLEAN_WAIT_MS = 120_000;
const FILE_POOLS = new Set(['dir', 'fs', 'netfs']);

export const TEMPLATE_STEPS = ['forget identity', 'shut down', 'copy', 'register'];

export class TemplateMaker {
  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly vms: VmService,
    private readonly storage: StorageService,
    private readonly images: ImageService,
  ) {}

  nameOf(ref: VmRef): string {
    return this.vms.nameOf(ref);
  }

  /** Everything that would refuse, before the guest is touched. */
  private async check(ref: VmRef, name: string): Promise<{ dom: DomainRef; pool: string; volume: string; copy: string; defaultUser: string | null }> {
    const vm = this.vms.stored(ref);
    if (vm.locked && lockRefuses('shutdown')) throw new CoreError('vm.locked', { host: ref.host, vm: vm.name });
    checkName(name);
    if (this.inventory.instances.getImage(ref.host, name)) throw new CoreError('image.exists', { host: ref.host, name });
    const instance = this.inventory.instances.getInstance(ref.host, vm.uuid);
    if (!instance) throw new CoreError('image.template-not-instance', { host: ref.host, vm: vm.name });
    const { lv, dom } = await this.vms.live(ref);
    if (!(await lv.domainIsActive(dom))) throw new CoreError('vm.not-running', { host: ref.host, vm: vm.name });
    const disk = DomainXml.parse(await lv.domainGetXmlDesc(dom, 0)).disks.find((d) => d.device === 'disk' && !d.readonly);
    const path = disk ? await diskPath(lv, disk) : null;
    const vol = path === null ? null : await lv.storageVolLookupByPath(path).catch(() => null);
    if (!vol) throw new CoreError('image.template-no-volume', { host: ref.host, vm: vm.name });
    const copy = `${name}.qcow2`;
    checkName(copy);
    const exists = await this.storage.volumes.get(ref.host, vol.pool, copy).then(() => true, () => false);
    if (exists) throw new CoreError('image.volume-exists', { host: ref.host, pool: vol.pool, volume: copy });
    const from = this.inventory.instances.getImage(ref.host, instance.image);
    return { dom, pool: vol.pool, volume: vol.name, copy, defaultUser: from?.defaultUser ?? null };
  }

  async make(ref: VmRef, name: string, ctx: TaskContext): Promise<ImageInfo> {
    const plan = await this.check(ref, name);
    const { dom } = plan;
    const lv = this.hosts.libvirt(ref.host);
    await ctx.step('forget identity', async () => {
      await waitForAgent(lv, dom, Date.now() + AGENT_WAIT_MS, ctx.signal);
      for (const argv of FORGET_IDENTITY) {
        const r = await guestExec(lv, dom, argv, Date.now() + CLEAN_WAIT_MS, ctx.signal);
        if (r.exitcode !== 0) {
          const output = (r.stderr || r.stdout).trim().split('\n').slice(-3).join('\n') || `exit ${r.exitcode}`;
          throw new CoreError('image.template-clean-failed', { host: ref.host, vm: dom.name, output: `${argv.join(' ')}: ${output}` });
        }
      }
    });
    await ctx.step('shut down', async () => {
      await lv.domainShutdown(dom);
      await waitUntilOff(lv, dom, SHUTDOWN_WAIT_SEC, { host: ref.host, vm: dom.name });
    });
    const copy = await ctx.step('copy', () => this.storage.volumes.clone(ref.host, plan.pool, plan.volume, plan.copy));
    return ctx.step('register', async () => {
      const pool = await this.storage.pools.get(ref.host, plan.pool);
      if (FILE_POOLS.has(pool.type)) {
        // read-only on the host too: a base must never change under its linked clones
        await hostRun(this.hosts.get(ref.host), 'image.template-readonly-failed', ['chmod', '0444', '--', copy.path]);
      }
      return this.images.adopt(ref.host, plan.pool, plan.copy, { name, ...(plan.defaultUser ? { defaultUser: plan.defaultUser } : {}) });
    });
  }
}
