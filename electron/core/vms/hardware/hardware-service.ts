// Changes to a VM's hardware (vCPUs, memory, disks, CD-ROM media, NICs, boot): each opens the VM, works out where
// the change goes (scope.ts) and reports which parts apply now and which at the next boot.
import type { BootDevice, HardwareView, HwChangeResult } from '../../../../shared/model/hardware.js';
import type { VmRef } from '../../../../shared/model/vm.js';
import type { HostRegistry } from '../../hosts/host-registry.js';
import type { IpamService } from '../../instances/ipam-service.js';
import type { VolumeService } from '../../storage/volumes.js';
import type { VmService } from '../vm-service.js';
import { setBoot } from './boot.js';
import { attachDisk, detachDisk, setCdrom, type AttachDisk, type VolumeName } from './disks.js';
import { addNic, removeNic, setNicLink, type NewNic } from './nics.js';
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

  setCdrom(a: Asked & { target?: string; volume: VolumeName | null }): Promise<HwChangeResult> {
    return this.change(a, (t, scope) => setCdrom(t, scope, a.target, a.volume));
  }

  addNic(a: Asked & NewNic): Promise<HwChangeResult & { mac: string; ip: string | null }> {
    return this.change(a, (t, scope) => addNic(t, scope, this.ipam, a));
  }

  removeNic(a: Asked & { mac: string }): Promise<HwChangeResult> {
    return this.change(a, (t, scope) => removeNic(t, scope, this.ipam, a.mac));
  }

  setNicLink(a: Asked & { mac: string; up: boolean }): Promise<HwChangeResult> {
    return this.change(a, (t, scope) => setNicLink(t, scope, a.mac, a.up));
  }

  setBoot(a: { ref: VmRef; order?: BootDevice[]; menu?: boolean }): Promise<HwChangeResult> {
    return this.change({ ref: a.ref, config: true }, (t) => setBoot(t, a.order, a.menu));
  }

  /** Opens the VM, resolves the scope, runs the change, and refreshes the VM's inventory row. */
  private async change<R>(a: Asked, run: (t: HwTarget, scope: ReturnType<typeof resolveScope>) => Promise<R>): Promise<R> {
    const t = await openTarget(this.vms, a.ref);
    const result = await run(t, resolveScope(a, t.running, t.who));
    await this.vms.refresh(a.ref.host, t.lv, t.dom);
    return result;
  }
}
