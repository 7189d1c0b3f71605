// A domain definition as the Hardware tab shows it (plain data from the XML model).
import type { HwNic, HwState } from '../../../../shared/model/hardware.js';
import type { DomainXml } from '../../../libvirt/xml/domain.js';
import { AGENT_CHANNEL, disksOf } from '../vm-snapshot.js';
import { bootOrderOf } from './boot.js';
import { clipboardChannelOf } from './clipboard-channel.js';

const KIB_PER_MIB = 1024;

function nicsOf(x: DomainXml): HwNic[] {
  return x.interfaces.map((n) => ({
    mac: (n.mac ?? '').toLowerCase(),
    type: n.type ?? 'unknown',
    source: n.sourceNetwork ?? n.sourceBridge ?? n.sourceDev,
    model: n.model,
    linkUp: n.linkState !== 'down',
  }));
}

export function hwStateOf(x: DomainXml): HwState {
  const maxVcpus = x.vcpus ?? 1;
  const maxKiB = x.memoryKiB ?? 0;
  return {
    vcpus: x.currentVcpus ?? maxVcpus,
    maxVcpus,
    memoryMiB: Math.floor((x.currentMemoryKiB ?? maxKiB) / KIB_PER_MIB),
    maxMemoryMiB: Math.floor(maxKiB / KIB_PER_MIB),
    disks: disksOf(x),
    nics: nicsOf(x),
    boot: x.bootDevices,
    bootOrder: bootOrderOf(x).map((d) => d.id),
    bootMenu: x.bootMenu === true,
    graphics: x.graphics.map((g) => g.type ?? 'unknown'),
    video: x.videos.map((v) => v.model ?? 'default'),
    serial: x.serials.length > 0,
    agent: x.channels.some((c) => c.targetName === AGENT_CHANNEL),
    clipboard: clipboardChannelOf(x) !== undefined,
  };
}
