// The clipboard channel: a qemu-vdagent chardev with copy/paste on (libvirt >= 8.4). QEMU's VNC server hands the
// VNC client's cut text to it and back, and spice-vdagent in the guest puts it on the guest's X clipboard, so the
// VNC console copies and pastes both ways. The port name is SPICE's agent port: a SPICE display's own agent channel
// (spicevmc) already holds it, and that VM is refused rather than losing its SPICE agent.
import { DomainImpact } from '../../../libvirt/protocol/index.js';
import type { DomainXml } from '../../../libvirt/xml/domain.js';
import type { ChannelXml } from '../../../libvirt/xml/domain-devices.js';
import { CoreError } from '../../errors.js';
import { holder } from './devices.js';
import { rereadLive, type HwTarget } from './target.js';

const VDAGENT_PORT = 'com.redhat.spice.0';

const portOf = (x: DomainXml): ChannelXml | undefined => x.channels.find((c) => c.targetName === VDAGENT_PORT);

/** The qemu-vdagent channel with copy/paste on, if the definition has one. */
export function clipboardChannelOf(x: DomainXml): ChannelXml | undefined {
  const c = portOf(x);
  return c?.type === 'qemu-vdagent' && c.clipboardCopyPaste === true ? c : undefined;
}

/** Edits a definition; true when it changed. */
export function setClipboard(x: DomainXml, on: boolean, who: { host: string; vm: string }): boolean {
  const port = portOf(x);
  if (on) {
    if (clipboardChannelOf(x)) return false;
    if (port && port.type !== 'qemu-vdagent') throw new CoreError('vm.clipboard-port-taken', { ...who, type: port.type ?? '' });
    if (port) port.clipboardCopyPaste = true;
    else x.addChannel({ type: 'qemu-vdagent', clipboardCopyPaste: true, mouseMode: 'client', targetType: 'virtio', targetName: VDAGENT_PORT });
    return true;
  }
  const has = clipboardChannelOf(x);
  if (!has) return false;
  has.remove();
  return true;
}

/** Hot-plugs or unplugs the channel on the running VM; true when it changed. QEMU or libvirt may refuse (then the
 *  definition still gets it, from the next boot). */
export async function clipboardLive(t: HwTarget, on: boolean): Promise<boolean> {
  const live = t.live as DomainXml;
  const has = clipboardChannelOf(live);
  if (on === (has !== undefined)) return false;
  if (on) {
    const h = holder();
    setClipboard(h, true, t.who);
    await t.lv.domainAttachDevice(t.dom, clipboardChannelOf(h)!.toXml(), DomainImpact.LIVE);
    return true;
  }
  await t.lv.domainDetachDevice(t.dom, has!.toXml(), DomainImpact.LIVE);
  const after = await rereadLive(t);
  return after !== null && clipboardChannelOf(after) === undefined;
}
