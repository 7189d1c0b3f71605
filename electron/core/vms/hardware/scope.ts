// Where a hardware change goes. Asked for neither live nor config, a running VM gets both where libvirt allows
// (a live refusal leaves the part to the next boot) and a shut-off VM its config; --live on a shut-off VM is refused.
import { LibvirtError } from '../../../libvirt/errors.js';
import { DomainImpact } from '../../../libvirt/protocol/index.js';
import { CoreError } from '../../errors.js';
import { libvirtError } from '../../libvirt-errors.js';

export interface Scope {
  live: boolean;
  config: boolean;
  /** Neither was asked: a live refusal is no failure. */
  auto: boolean;
}

export interface Who {
  host: string;
  vm: string;
}

export function resolveScope(asked: { live?: boolean; config?: boolean }, running: boolean, who: Who): Scope {
  if (asked.live && !running) throw new CoreError('vm.live-not-running', who);
  if (!asked.live && !asked.config) return { live: running, config: true, auto: running };
  return { live: asked.live === true, config: asked.config === true, auto: false };
}

/** Auto scope for removing a device: the definitions that have it, falling back to the config alone when both do. */
export const bothWhereFound = (live: boolean, config: boolean): Scope => ({ live, config, auto: live && config });

export const impactFlags = (s: { live: boolean; config: boolean }): number =>
  (s.live ? DomainImpact.LIVE : 0) | (s.config ? DomainImpact.CONFIG : 0);

/**
 * Runs a libvirt change with the scope's flags; in auto mode a live refusal falls back to the config alone.
 * Returns where it went. A refusal is `vm.change-failed` with libvirt's words.
 */
export async function applyScoped(scope: Scope, who: Who, change: (flags: number) => Promise<unknown>): Promise<{ live: boolean; config: boolean }> {
  try {
    if (scope.auto) {
      try {
        await change(impactFlags(scope));
        return { live: true, config: true };
      } catch (err) {
        if (!(err instanceof LibvirtError)) throw err;
        await change(DomainImpact.CONFIG);
        return { live: false, config: true };
      }
    }
    await change(impactFlags(scope));
    return { live: scope.live, config: scope.config };
  } catch (err) {
    throw libvirtError(err, 'vm.change-failed', who);
  }
}
