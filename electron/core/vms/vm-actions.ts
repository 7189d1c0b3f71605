// The libvirt call behind each VM lifecycle action, and the wait that makes a graceful shutdown honest.
import type { VmAction } from '../../../shared/model/vm.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import type { DomainRef } from '../../libvirt/protocol/index.js';
import { CoreError } from '../errors.js';
import { foundOrNull } from '../libvirt-errors.js';

/** How often a shutdown looks whether the guest is off yet. */
const SHUTDOWN_POLL_MS = 1000;

/** The libvirt call behind each action (a Record, so a new action without one is a type error). */
const ACTIONS: Record<VmAction, (lv: LibvirtApi, dom: DomainRef) => Promise<unknown>> = {
  start: (lv, dom) => lv.domainCreate(dom),
  shutdown: (lv, dom) => lv.domainShutdown(dom),
  reboot: (lv, dom) => lv.domainReboot(dom),
  reset: (lv, dom) => lv.domainReset(dom),
  destroy: (lv, dom) => lv.domainDestroy(dom),
  suspend: (lv, dom) => lv.domainSuspend(dom),
  resume: (lv, dom) => lv.domainResume(dom),
  save: (lv, dom) => lv.domainManagedSave(dom),
};

/** Asks libvirt for `action` on the domain (the state change itself follows as a domain event). */
export function runAction(lv: LibvirtApi, dom: DomainRef, action: VmAction): Promise<unknown> {
  return ACTIONS[action](lv, dom);
}

/** Looks every SHUTDOWN_POLL_MS until the domain is off (or gone: a transient one); fails after `seconds`. */
export async function waitUntilOff(lv: LibvirtApi, dom: DomainRef, seconds: number, names: { host: string; vm: string }): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const now = await foundOrNull(lv.domainGetState(dom, 0), VirErrorCode.NO_DOMAIN);
    if (!now || now.state === 'shutoff') return;
    const left = deadline - Date.now();
    if (left <= 0) throw new CoreError('vm.shutdown-ignored', { ...names, seconds });
    await new Promise((resolve) => setTimeout(resolve, Math.min(SHUTDOWN_POLL_MS, left)));
  }
}
