// The devices a person or a tool reaches a VM through: graphics (VNC) with its video card, a serial console, and
// the guest agent channel (adding it is how a hand-made VM gets IPs and graceful operations). Graphics and serial
// change in the definition only (QEMU cannot hot-plug them); the agent and clipboard channels are hot-plugged where
// libvirt can.
import type { HwChangeResult, HwPart } from '../../../../shared/model/hardware.js';
import { DomainImpact } from '../../../libvirt/protocol/index.js';
import type { DomainXml } from '../../../libvirt/xml/domain.js';
import type { ChannelXml } from '../../../libvirt/xml/domain-devices.js';
import { CoreError } from '../../errors.js';
import { libvirtError } from '../../libvirt-errors.js';
import { AGENT_CHANNEL } from '../vm-snapshot.js';
import { clipboardLive, setClipboard } from './clipboard-channel.js';
import { holder } from './devices.js';
import type { Scope } from './scope.js';
import { defineConfig, rereadLive, type HwTarget } from './target.js';

export interface DeviceChange {
  /** vnc: a VNC display on the host's loopback (VirtDeck tunnels it); none: no graphics and no video card. */
  graphics?: 'vnc' | 'none';
  serial?: boolean;
  agent?: boolean;
  /** The qemu-vdagent channel with copy/paste on (see clipboard-channel.ts). */
  clipboard?: boolean;
}

const agentOf = (x: DomainXml): ChannelXml | undefined => x.channels.find((c) => c.targetName === AGENT_CHANNEL);

function setGraphics(x: DomainXml, to: 'vnc' | 'none'): boolean {
  if (to === 'vnc') {
    if (x.graphics.some((g) => g.type === 'vnc')) return false;
    x.addGraphics({ type: 'vnc', autoport: true, listen: '127.0.0.1' });
    // A headless VM's video model 'none' would leave the display blank; without one libvirt adds its default card.
    for (const v of x.videos.filter((v) => v.model === 'none')) v.remove();
    return true;
  }
  if (x.graphics.length === 0 && x.videos.length === 0) return false;
  for (const d of [...x.graphics, ...x.videos]) d.remove();
  // SPICE's companions are refused without a SPICE display; a sound card keeps its audio backend, silenced.
  for (const path of ["./devices/channel[@type='spicevmc']", "./devices/redirdev[@type='spicevmc']"]) {
    for (const el of x.doc.findElements(path, x.node)) x.doc.removeNode(el);
  }
  for (const el of x.doc.findElements("./devices/audio[@type='spice']", x.node)) el.setAttribute('type', 'none');
  return true;
}

/** libvirt makes the first serial console a copy of the first serial port (and back), so both go together. */
const serialConsoles = (x: DomainXml) => x.consoles.filter((c) => c.targetType === null || c.targetType === 'serial');

function setSerial(x: DomainXml, on: boolean): boolean {
  if (on) {
    if (x.serials.length > 0) return false;
    x.addSerial({ type: 'pty', targetPort: 0 });
    return true;
  }
  const gone = [...x.serials, ...serialConsoles(x)];
  for (const d of gone) d.remove();
  return gone.length > 0;
}

function setAgent(x: DomainXml, on: boolean): boolean {
  const has = agentOf(x);
  if (on === (has !== undefined)) return false;
  if (on) x.addChannel({ type: 'unix', targetType: 'virtio', targetName: AGENT_CHANNEL });
  else has!.remove();
  return true;
}

/** Edits a definition; returns the parts that changed (none when it already is as asked). */
export function applyDevices(x: DomainXml, c: DeviceChange, who: { host: string; vm: string }): HwPart[] {
  const parts: HwPart[] = [];
  if (c.graphics !== undefined && setGraphics(x, c.graphics)) parts.push('graphics');
  if (c.serial !== undefined && setSerial(x, c.serial)) parts.push('serial');
  if (c.agent !== undefined && setAgent(x, c.agent)) parts.push('agent');
  if (c.clipboard !== undefined && setClipboard(x, c.clipboard, who)) parts.push('clipboard');
  return parts;
}

/** Hot-plugs or unplugs the agent channel; true when the running VM changed. */
async function agentLive(t: HwTarget, on: boolean): Promise<boolean> {
  const has = agentOf(t.live as DomainXml);
  if (on === (has !== undefined)) return false;
  if (on) {
    const h = holder();
    setAgent(h, true);
    await t.lv.domainAttachDevice(t.dom, agentOf(h)!.toXml(), DomainImpact.LIVE);
    return true;
  }
  // The running VM's own element: its generated socket path is what libvirt matches the port by.
  await t.lv.domainDetachDevice(t.dom, has!.toXml(), DomainImpact.LIVE);
  const after = await rereadLive(t);
  return after !== null && agentOf(after) === undefined;
}

export async function setDevices(t: HwTarget, scope: Scope, c: DeviceChange): Promise<HwChangeResult> {
  if (c.graphics === undefined && c.serial === undefined && c.agent === undefined && c.clipboard === undefined) {
    throw new CoreError('vm.no-change', {});
  }
  if (!scope.config && (c.graphics !== undefined || c.serial !== undefined)) {
    throw new CoreError('vm.config-only', { ...t.who, part: c.graphics !== undefined ? 'graphics' : 'serial' });
  }
  const live: HwPart[] = [];
  if (scope.live && c.agent !== undefined && t.live) {
    try {
      if (await agentLive(t, c.agent)) live.push('agent');
    } catch (err) {
      if (!scope.auto) throw libvirtError(err, 'vm.change-failed', t.who);
    }
  }
  if (scope.live && c.clipboard !== undefined && t.live) {
    try {
      if (await clipboardLive(t, c.clipboard)) live.push('clipboard');
    } catch (err) {
      // libvirt's or QEMU's refusal leaves the change to the next boot (the result says so); ours stands.
      if (err instanceof CoreError) throw err;
      if (!scope.auto) throw libvirtError(err, 'vm.change-failed', t.who);
    }
  }
  const config = scope.config ? applyDevices(t.config, c, t.who) : [];
  if (config.length > 0) await defineConfig(t);
  return { running: t.running, live, config };
}
