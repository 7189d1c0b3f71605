// What differs between a running VM's live definition and the one it boots with next: the Hardware tab shows
// these rows before anything is applied. Values are plain text (sizes in MiB, devices by target or MAC); a front
// end words the field names.
import type { HwNic, HwState } from './hardware.js';
import type { DiskInfo } from './vm.js';

export const HW_DIFF_FIELDS = [
  'vcpus', 'max-vcpus', 'memory', 'max-memory', 'disk', 'nic', 'boot', 'boot-order', 'boot-menu', 'graphics', 'video', 'serial', 'agent',
  'clipboard',
] as const;
export type HwDiffField = (typeof HW_DIFF_FIELDS)[number];

export interface HwDiffRow {
  field: HwDiffField;
  /** The device a row is about (disk target, NIC MAC); null for a VM-wide field. */
  item: string | null;
  /** The running value, null when the device is not there now. */
  now: string | null;
  /** The value from the next boot, null when the device is gone then. */
  next: string | null;
}

const onOff = (b: boolean): string => (b ? 'on' : 'off');
const list = (xs: string[]): string => (xs.length ? xs.join(', ') : '—');
const diskText = (d: DiskInfo): string => `${d.device} ${d.bus ?? '?'} ${d.source ?? '(empty)'}`;
const nicText = (n: HwNic): string => `${n.type} ${n.source ?? '?'} ${n.model ?? ''} link ${n.linkUp ? 'up' : 'down'}`.replace(/ {2,}/g, ' ');

/** Devices by key: one row for each that is only in one definition or reads differently in the two. */
function deviceRows<T>(field: HwDiffField, now: T[], next: T[], key: (t: T) => string, text: (t: T) => string): HwDiffRow[] {
  const nowBy = new Map(now.map((d) => [key(d), text(d)]));
  const nextBy = new Map(next.map((d) => [key(d), text(d)]));
  const keys = [...new Set([...nowBy.keys(), ...nextBy.keys()])];
  return keys
    .map((k) => ({ field, item: k, now: nowBy.get(k) ?? null, next: nextBy.get(k) ?? null }))
    .filter((r) => r.now !== r.next);
}

/** The rows that change at the next boot of a running VM (empty when both definitions agree). */
export function hwDiff(live: HwState, config: HwState): HwDiffRow[] {
  const scalar = (field: HwDiffField, pick: (s: HwState) => string): HwDiffRow[] => {
    const now = pick(live);
    const next = pick(config);
    return now === next ? [] : [{ field, item: null, now, next }];
  };
  return [
    ...scalar('vcpus', (s) => String(s.vcpus)),
    ...scalar('max-vcpus', (s) => String(s.maxVcpus)),
    ...scalar('memory', (s) => `${s.memoryMiB} MiB`),
    ...scalar('max-memory', (s) => `${s.maxMemoryMiB} MiB`),
    ...deviceRows('disk', live.disks, config.disks, (d) => d.target, diskText),
    ...deviceRows('nic', live.nics, config.nics, (n) => n.mac, nicText),
    ...scalar('boot', (s) => list(s.boot)),
    ...scalar('boot-order', (s) => list(s.bootOrder)),
    ...scalar('boot-menu', (s) => onOff(s.bootMenu)),
    ...scalar('graphics', (s) => list(s.graphics)),
    ...scalar('video', (s) => list(s.video)),
    ...scalar('serial', (s) => onOff(s.serial)),
    ...scalar('agent', (s) => onOff(s.agent)),
    ...scalar('clipboard', (s) => onOff(s.clipboard)),
  ];
}
