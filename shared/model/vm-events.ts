// A VM's history as data: the kinds the core records, their params, and libvirt's domain event names. Front ends
// word them (`event.<kind>` in the renderer, the CLI's own English); the stored English message is only the log line.

/** virDomainEventType, by number. */
export const LIFECYCLE_EVENTS = [
  'defined',
  'undefined',
  'started',
  'suspended',
  'resumed',
  'stopped',
  'shutdown',
  'pmsuspended',
  'crashed',
] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/** virDomainEvent*DetailType per lifecycle event, by number. */
export const LIFECYCLE_DETAILS = {
  defined: ['added', 'updated', 'renamed', 'from-snapshot'],
  undefined: ['removed', 'renamed'],
  started: ['booted', 'migrated', 'restored', 'from-snapshot', 'wakeup'],
  suspended: ['paused', 'migrated', 'ioerror', 'watchdog', 'restored', 'from-snapshot', 'api-error', 'postcopy', 'postcopy-failed'],
  resumed: ['unpaused', 'migrated', 'from-snapshot', 'postcopy', 'postcopy-failed'],
  stopped: ['shutdown', 'destroyed', 'crashed', 'migrated', 'saved', 'failed', 'from-snapshot'],
  shutdown: ['finished', 'guest', 'host'],
  pmsuspended: ['memory', 'disk'],
  crashed: ['panicked', 'crashloaded'],
} as const satisfies Readonly<Record<LifecycleEvent, readonly string[]>>;
export type LifecycleDetail = (typeof LIFECYCLE_DETAILS)[LifecycleEvent][number];

/** virConnectDomainEventAgentLifecycleState / Reason, by number. */
export const AGENT_STATES = ['unknown', 'connected', 'disconnected'] as const;
export const AGENT_REASONS = ['unknown', 'domain-started', 'channel'] as const;

/** The domain events the libvirt client decodes (each is recorded in the VM's history). */
export const DOMAIN_EVENT_KINDS = [
  'lifecycle',
  'reboot',
  'rtc-change',
  'watchdog',
  'io-error',
  'balloon-change',
  'device-removed',
  'device-added',
  'device-removal-failed',
  'agent-lifecycle',
  'job-completed',
  'metadata-change',
] as const;
export type DomainEventKind = (typeof DOMAIN_EVENT_KINDS)[number];

/**
 * A domain event's libvirt names, as the live `domain-event` carries them. event: the lifecycle event, the agent
 * state, or else the kind; detail: the lifecycle detail, the agent reason, a device alias or disk, or ''.
 */
export interface DomainEventParams {
  event: string;
  detail: string;
}

/** What VirtDeck itself records about a VM, with the params the front ends word. */
export interface OwnEventParams {
  imported: { host: string };
  deleted: { volumes: number; storageKept: boolean };
  renamed: { from: string; to: string };
  locked: Record<string, never>;
  unlocked: Record<string, never>;
  migrated: { from: string; to: string };
  launched: { image: string; ip: string | null };
  /** A clone made from the VM `from` (HOST/VM). */
  cloned: { from: string };
  /** A VM made by the New VM wizard (`vm create`). */
  created: { os: string; firmware: string };
  /** A console grant (its id) given to a person until a time; revoked by the admin, or pruned once expired. */
  granted: { id: string; for: string; until: string };
  'grant-revoked': { id: string; for: string };
  'grant-expired': { id: string; for: string };
}
export type OwnEventKind = keyof OwnEventParams;
export const OWN_EVENT_KINDS = [
  'imported', 'deleted', 'renamed', 'locked', 'unlocked', 'migrated', 'launched', 'cloned', 'granted', 'grant-revoked', 'grant-expired', 'created',
] as const satisfies readonly OwnEventKind[];

/** Every kind in the history. */
export type VmEventKind = OwnEventKind | DomainEventKind;
export const VM_EVENT_KINDS: readonly VmEventKind[] = [...OWN_EVENT_KINDS, ...DOMAIN_EVENT_KINDS];

/** A recorded event: the kind and its params (stored as `data.params`, beside any other data). */
export type VmEventRecord =
  | { [K in OwnEventKind]: { kind: K; params: OwnEventParams[K] } }[OwnEventKind]
  | { kind: DomainEventKind; params: DomainEventParams };

/** A word for a libvirt name: lifecycle events, agent states and the other kinds. */
export type DomainWord = LifecycleEvent | (typeof AGENT_STATES)[number] | Exclude<DomainEventKind, 'lifecycle' | 'agent-lifecycle'>;
export type DomainDetailWord = LifecycleDetail | (typeof AGENT_REASONS)[number];

/** A sentence per kind VirtDeck records (some have two forms), and a domain event with its detail. */
export type VmEventSentenceKey = `event.${OwnEventKind}` | 'event.deleted-storage-kept' | 'event.launched-at' | 'event.domain-detail';
/** Every key a front end words: the sentences, a label per kind, libvirt's names. */
export type VmEventKey =
  | VmEventSentenceKey
  | `event.kind.${VmEventKind}`
  | `event.name.${DomainWord}`
  | `event.detail.${DomainDetailWord}`;

export type EventVars = Readonly<Record<string, string | number>>;
/** A front end's words: the text of a key with its vars put in. */
export type EventWorder = (key: VmEventKey, vars?: EventVars) => string;

const DOMAIN_WORDS: ReadonlySet<string> = new Set<DomainWord>([
  ...LIFECYCLE_EVENTS,
  ...AGENT_STATES,
  ...DOMAIN_EVENT_KINDS.filter((k): k is Exclude<DomainEventKind, 'lifecycle' | 'agent-lifecycle'> => k !== 'lifecycle' && k !== 'agent-lifecycle'),
]);
const DETAIL_WORDS: ReadonlySet<string> = new Set<DomainDetailWord>([...Object.values(LIFECYCLE_DETAILS).flat(), ...AGENT_REASONS]);
const KINDS: ReadonlySet<string> = new Set(VM_EVENT_KINDS);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (p: Record<string, unknown>, ...names: string[]): boolean => names.every((n) => typeof p[n] === 'string');

/** A libvirt name in the front end's words; a name without words (a device alias, `unknown-7`) as it is. */
export function wordDomainName(w: EventWorder, name: string): string {
  return DOMAIN_WORDS.has(name) ? w(`event.name.${name as DomainWord}`) : name;
}
export function wordDomainDetail(w: EventWorder, detail: string): string {
  return DETAIL_WORDS.has(detail) ? w(`event.detail.${detail as DomainDetailWord}`) : detail;
}

/** The kind's label (the badge); an unknown kind as it is. */
export function wordEventKind(w: EventWorder, kind: string): string {
  return KINDS.has(kind) ? w(`event.kind.${kind as VmEventKind}`) : kind;
}

/** A domain event as one phrase: "started (booted)", "reboot", "device-added (net1)" in the front end's words. */
export function wordDomainEvent(w: EventWorder, p: DomainEventParams): string {
  const event = wordDomainName(w, p.event);
  return p.detail ? w('event.domain-detail', { event, detail: wordDomainDetail(w, p.detail) }) : event;
}

/**
 * A stored event in the front end's words, from its `data.params`; null when the row has no params it can word
 * (written by an older VirtDeck, or a kind this one does not know): show the stored message then.
 */
export function wordVmEvent(w: EventWorder, e: { kind: string; data?: unknown }): string | null {
  const p = isRecord(e.data) && isRecord(e.data.params) ? e.data.params : null;
  if (!p || !KINDS.has(e.kind)) return null;
  const kind = e.kind as VmEventKind;
  switch (kind) {
    case 'imported':
      return strings(p, 'host') ? w('event.imported', { host: String(p.host) }) : null;
    case 'deleted':
      if (typeof p.volumes !== 'number' || typeof p.storageKept !== 'boolean') return null;
      return p.storageKept ? w('event.deleted-storage-kept') : w('event.deleted', { volumes: p.volumes });
    case 'renamed':
    case 'migrated':
      return strings(p, 'from', 'to') ? w(`event.${kind}`, { from: String(p.from), to: String(p.to) }) : null;
    case 'cloned':
      return strings(p, 'from') ? w('event.cloned', { from: String(p.from) }) : null;
    case 'locked':
    case 'unlocked':
      return w(`event.${kind}`);
    case 'launched':
      if (!strings(p, 'image')) return null;
      return typeof p.ip === 'string' ? w('event.launched-at', { image: String(p.image), ip: p.ip }) : w('event.launched', { image: String(p.image) });
    case 'granted':
      return strings(p, 'id', 'for', 'until') ? w('event.granted', { id: String(p.id), for: String(p.for), until: String(p.until) }) : null;
    case 'grant-revoked':
    case 'grant-expired':
      return strings(p, 'id', 'for') ? w(`event.${kind}`, { id: String(p.id), for: String(p.for) }) : null;
    case 'created':
      return strings(p, 'os', 'firmware') ? w('event.created', { os: String(p.os), firmware: String(p.firmware) }) : null;
    default:
      return strings(p, 'event', 'detail') ? wordDomainEvent(w, { event: String(p.event), detail: String(p.detail) }) : null;
  }
}
