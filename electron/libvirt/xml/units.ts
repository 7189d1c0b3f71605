// libvirt's scaled integers: <memory unit='GiB'>1</memory>, <capacity unit='bytes'>…</capacity>.
// The unit is case-insensitive; "K", "KiB" are powers of 1024, "KB" powers of 1000.
import { XmlModelError } from './errors.js';

const PREFIX_POWER: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };

export function unitBytes(unit: string): number {
  const u = unit.toLowerCase();
  if (u === 'b' || u === 'bytes') return 1;
  const power = PREFIX_POWER[u[0] ?? ''];
  const suffix = u.slice(1);
  if (power !== undefined && (suffix === '' || suffix === 'ib')) return 1024 ** power;
  if (power !== undefined && suffix === 'b') return 1000 ** power;
  throw new XmlModelError(`unknown size unit ${JSON.stringify(unit)}`);
}

/** value × unit expressed in `target` units (rounded up, as libvirt does). */
export function convertSize(value: number, unit: string, target: string): number {
  return Math.ceil((value * unitBytes(unit)) / unitBytes(target));
}
