// Changes to a VM's hardware (vCPUs, memory, disks, CD-ROM media, NICs, boot, graphics/serial/agent): each opens
// the VM, works out where the change goes (scope.ts) and reports which parts apply now and which at the next boot.
import type { HardwareView, HwChangeResult } from '../../../../shared/model/hardware.js';
import type { VmRef } from '../../../../shared/model/vm.js';
import type { HostRegistry } from '../../hosts/host-registry.js';
import type { Inventory } from '../../../inventory/inventory.js';
import type { IpamService } from '../../instances/ipam-service.js';
import { cidrOrThrow } from '../../net/ipv4.js';
import { setSeedNicAddress } from '../../instances/seed-nics.js';
import type { VolumeService } from '../../storage/volumes.js';
import type { VmService } from '../vm-service.js';
import { setBoot, type BootChange } from './boot.js';
import { setDevices, type DeviceChange } from './console-devices.js';
import { attachDisk, detachDisk, ejectAndBootDisk, setCdrom, type AttachDisk, type VolumeName } from './disks.js';
import { addNic, moveNic, removeNic, setNicLink, sourceOf, type NewNic } from './nics.js';
import { changeResources, type ResourceChange } from './resources.js';
import { resolveScope } from './scope.js';
import { openTarget, type HwTarget } from './target.js';
import { hwStateOf } from './view.js';

interface Asked {
  ref: VmRef;
  live?: boolean;
  config?: boolean;
}

export class HardwareService {
  constructor(
    private readonly vms: VmService,
    private readonly hosts: HostRegistry,
    private readonly volumes: VolumeService,
    private readonly ipam: IpamService,
    private readonly inventory: Inventory,
  ) {}

  async view(ref: VmRef): Promise<HardwareView> {
    const t = await openTarget(this.vms, ref);
    return {
      running: t.running,
      autostart: await t.lv.domainGetAutostart(t.dom),
      config: hwStateOf(t.config),
      live: t.live && hwStateOf(t.live),
    };
  }

  setResources(a: Asked & ResourceChange): Promise<HwChangeResult> {
    return this.change(a, (t, scope) => changeResources(t, scope, a));
  }

  attachDisk(a: Asked & AttachDisk): Promise<HwChangeResult & { target: string }> {
    return this.change(a, (t, scope) => attachDisk(t, scope, this.volumes, a));
  }

  detachDisk(a: Asked & { target: string; deleteVolume?: boolean }): Promise<HwChangeResult> {
    return this.change(a, (t, scope) => detachDisk(t, scope, this.hosts.get(a.ref.host), a.target, a.deleteVolume ?? false));
  }

  setCdrom(a: Asked & { target?: string; volume: VolumeName | null; bootDisk?: boolean }): Promise<HwChangeResult> {
    if (a.bootDisk) return this.change(a, (t) => ejectAndBootDisk(t, a.target));
    return this.change(a, (t, scope) => setCdrom(t, scope, a.target, a.volume));
  }

  addNic(a: Asked & NewNic): Promise<HwChangeResult & { mac: string; ip: string | null }> {
    return this.change(a, async (t, scope) => {
      const r = await addNic(t, scope, this.ipam, a);
      if (r.config.length && r.ip !== null && a.network !== undefined) await this.seedAddress(t, r.mac, a.network, r.ip);
      return r;
    });
  }

  removeNic(a: Asked & { mac: string }): Promise<HwChangeResult> {
    return this.change(a, async (t, scope) => {
      const r = await removeNic(t, scope, this.ipam, a.mac);
      if (r.config.length) await this.seedAddress(t, a.mac, null, null);
      return r;
    });
  }

  moveNic(a: Asked & { mac: string; network?: string; bridge?: string }): Promise<HwChangeResult & { ip: string | null }> {
    return this.change(a, async (t, scope) => {
      const r = await moveNic(t, scope, this.ipam, a.mac, sourceOf(a));
      if (r.config.length) await this.seedAddress(t, a.mac, a.network ?? null, r.ip);
      return r;
    });
  }

  setNicLink(a: Asked & { mac: string; up: boolean }): Promise<HwChangeResult> {
    return this.change(a, (t, scope) => setNicLink(t, scope, a.mac, a.up));
  }

  setBoot(a: { ref: VmRef } & BootChange): Promise<HwChangeResult> {
    return this.change({ ref: a.ref, config: true }, (t) => setBoot(t, a));
  }

  setDevices(a: Asked & DeviceChange): Promise<HwChangeResult> {
    return this.change(a, (t, scope) => setDevices(t, scope, a));
  }

  /** A VirtDeck instance's seed follows the IPAM address its NIC holds in the config (none: the entry goes). */
  private async seedAddress(t: HwTarget, mac: string, network: string | null, ip: string | null): Promise<void> {
    const cidr = network !== null && ip !== null ? this.ipam.get(t.who.host, network)?.cidr : undefined;
    await setSeedNicAddress(this.inventory, this.hosts.get(t.who.host).libvirt(), { host: t.who.host, uuid: t.dom.uuid }, mac, cidr ? `${ip}/${cidrOrThrow(cidr).prefix}` : null);
  }

  /** Opens the VM, resolves the scope, runs the change, and refreshes the VM's inventory row. */
  private async change<R>(a: Asked, run: (t: HwTarget, scope: ReturnType<typeof resolveScope>) => Promise<R>): Promise<R> {
    const t = await openTarget(this.vms, a.ref);
    const result = await run(t, resolveScope(a, t.running, t.who));
    await this.vms.refresh(a.ref.host, t.lv, t.dom);
    return result;
  }
}
