// One VM opened for a hardware change: its connection, both definitions (parsed), and who it is for errors.
import type { LibvirtApi } from '../../../libvirt/api.js';
import { DomainDefineFlags, DomainXmlFlags, type DomainRef } from '../../../libvirt/protocol/index.js';
import { DomainXml } from '../../../libvirt/xml/domain.js';
import type { VmRef } from '../../../../shared/model/vm.js';
import { libvirtError } from '../../libvirt-errors.js';
import type { VmService } from '../vm-service.js';
import type { Who } from './scope.js';

export interface HwTarget {
  lv: LibvirtApi;
  dom: DomainRef;
  who: Who;
  running: boolean;
  /** The persistent definition, secure (graphics passwords kept, so a redefine keeps them). */
  config: DomainXml;
  live: DomainXml | null;
}

export async function openTarget(vms: VmService, ref: VmRef): Promise<HwTarget> {
  const name = vms.nameOf(ref);
  const { lv, dom } = await vms.live(ref);
  const running = await lv.domainIsActive(dom);
  const config = DomainXml.parse(await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE));
  const live = running ? DomainXml.parse(await lv.domainGetXmlDesc(dom, DomainXmlFlags.SECURE)) : null;
  return { lv, dom, who: { host: ref.host, vm: dom.name || name }, running, config, live };
}

/** Defines the edited persistent definition, validated against libvirt's schema. */
export async function defineConfig(t: HwTarget): Promise<void> {
  try {
    await t.lv.domainDefineXml(t.config.toXml(), DomainDefineFlags.VALIDATE);
  } catch (err) {
    throw libvirtError(err, 'vm.change-failed', t.who);
  }
}

/** Edits the persistent definition as it is now (re-read after a device call changed it) and defines it. */
export async function updateConfig(t: HwTarget, edit: (x: DomainXml) => void): Promise<void> {
  t.config = DomainXml.parse(await t.lv.domainGetXmlDesc(t.dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE));
  edit(t.config);
  await defineConfig(t);
}

/** The definitions a device may be found in: the live one first. */
export const definitions = (t: HwTarget): DomainXml[] => (t.live ? [t.live, t.config] : [t.config]);

/** The running definition read again (after a hot-unplug, which the guest completes in its own time). */
export async function rereadLive(t: HwTarget): Promise<DomainXml | null> {
  return t.running ? DomainXml.parse(await t.lv.domainGetXmlDesc(t.dom, 0)) : null;
}
