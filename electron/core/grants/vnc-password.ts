// A VM's VNC password, valid until a time: set on the running display at once (domainUpdateDevice, live) and in
// the persistent definition with the port pinned (autoport off), so a restart keeps the same port and password.
import { randomBytes } from 'node:crypto';
import { DomainImpact } from '../../libvirt/protocol/index.js';
import type { GraphicsXml } from '../../libvirt/xml/domain-devices.js';
import type { DomainXml } from '../../libvirt/xml/domain.js';
import type { VmRef } from '../../../shared/model/vm.js';
import { CoreError } from '../errors.js';
import { libvirtError } from '../libvirt-errors.js';
import { type HwTarget, openTarget, updateConfig } from '../vms/hardware/target.js';
import type { VmService } from '../vms/vm-service.js';

/** A VNC password: VNC authentication uses its first 8 bytes only. */
export const newVncPassword = (): string => randomBytes(6).toString('base64url');

/** libvirt's passwdValidTo: UTC without zone or fractions. */
const validTo = (at: Date): string => at.toISOString().slice(0, 19);

const vncOf = (x: DomainXml | null): GraphicsXml | undefined => x?.graphics.find((g) => g.type === 'vnc');

/** Sets the password of a running VM's VNC display and pins its port; answers the port. */
export async function grantVncPassword(vms: VmService, ref: VmRef, password: string, until: Date): Promise<number> {
  const t = await openTarget(vms, ref);
  if (!t.running) throw new CoreError('vm.not-running', t.who);
  const live = vncOf(t.live);
  if (!live || !vncOf(t.config)) throw new CoreError('vm.no-vnc', t.who);
  const port = live.port;
  if (live.socket || port === null || port <= 0) throw new CoreError('vm.vnc-no-port', t.who);
  // QEMU changes the password only of a display started with one (password=on); checked before anything changes.
  if (live.passwd === null) throw new CoreError('grant.vnc-no-password', t.who);
  await setPassword(t, live, password, until);
  await updateConfig(t, (x) => {
    const g = vncOf(x) as GraphicsXml;
    g.autoport = false;
    g.port = port;
    g.passwd = password;
    g.passwdValidTo = validTo(until);
  });
  return port;
}

/** Replaces the VNC password by one nobody knows, expired already (revoke): running display and definition. */
export async function resetVncPassword(vms: VmService, ref: VmRef): Promise<void> {
  const t = await openTarget(vms, ref);
  const password = newVncPassword();
  const now = new Date();
  const live = vncOf(t.live);
  if (live) await setPassword(t, live, password, now);
  if (!vncOf(t.config)) return;
  await updateConfig(t, (x) => {
    const g = vncOf(x) as GraphicsXml;
    g.passwd = password;
    g.passwdValidTo = validTo(now);
  });
}

async function setPassword(t: HwTarget, live: GraphicsXml, password: string, until: Date): Promise<void> {
  live.passwd = password;
  live.passwdValidTo = validTo(until);
  try {
    await t.lv.domainUpdateDevice(t.dom, live.toXml(), DomainImpact.LIVE);
  } catch (err) {
    throw libvirtError(err, 'vm.change-failed', t.who);
  }
}
