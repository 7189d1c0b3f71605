// VMs of all hosts keyed by host + "/" + uuid, the live domain-event log, and the VM calls the UI makes.
import { create } from 'zustand';
import type { CallInput, CallOutput } from '../../shared/ipc/contract.js';
import type { VmAction, VmInfo, VmRef } from '../../shared/model/vm.js';
import { backend } from './backend.js';
import { runTask } from './tasks-slice.js';
import { vmKey } from './keys.js';

export interface LiveDomainEvent {
  event: string;
  detail: string;
  at: string;
}

/** Domain events kept per VM since the window opened (older ones come from `vms.events`). */
export const LIVE_EVENTS_PER_VM = 50;

interface VmsState {
  byKey: Readonly<Record<string, VmInfo>>;
  liveEvents: Readonly<Record<string, readonly LiveDomainEvent[]>>;
  loaded: boolean;
  setAll(list: readonly VmInfo[]): void;
  /** Replace one host's VMs (after it reconnects). */
  replaceHost(host: string, list: readonly VmInfo[]): void;
  upsert(vm: VmInfo): void;
  forget(key: string): void;
  forgetHost(host: string): void;
  /** The host dropped: its rows now come from memory, shown greyed with their lastSeen. */
  markHostStale(host: string): void;
  noteDomainEvent(key: string, e: LiveDomainEvent): void;

  act(ref: VmRef, action: VmAction): Promise<void>;
  deleteVm(ref: VmRef, withStorage: boolean): Promise<void>;
  /** Moves the VM to another host (a task: progress and cancel in the task list). */
  migrate(spec: CallInput<'migration.migrate'>): Promise<void>;
  clone(spec: CallInput<'vms.clone'>): Promise<void>;
  setAutostart(ref: VmRef, autostart: boolean): Promise<void>;
  setLocked(ref: VmRef, locked: boolean): Promise<void>;
  /** Facts kept on the VM's host; the VM as read back replaces the row at once. */
  setTags(ref: VmRef, add: string[], remove: string[]): Promise<void>;
  setOwner(ref: VmRef, owner: string | null): Promise<void>;
  setNotes(ref: VmRef, notes: string): Promise<void>;
  rename(ref: VmRef, newName: string): Promise<void>;
  xml(ref: VmRef, inactive: boolean): Promise<string>;
  storedEvents(ref: VmRef, limit: number): Promise<CallOutput<'vms.events'>>;
  reloadHost(host: string): Promise<void>;
  /** "Refresh host": the core re-reads every domain of the host from libvirt now. */
  refreshHost(host: string): Promise<void>;
}

function withoutHost<T>(rec: Readonly<Record<string, T>>, host: string): Record<string, T> {
  const prefix = `${host}/`;
  return Object.fromEntries(Object.entries(rec).filter(([k]) => !k.startsWith(prefix)));
}

export function refOf(vm: VmInfo): VmRef {
  return { host: vm.host, vm: vm.uuid };
}

export const useVms = create<VmsState>()((set, get) => ({
  byKey: {},
  liveEvents: {},
  loaded: false,
  setAll(list) {
    set({ byKey: Object.fromEntries(list.map((v) => [vmKey(v.host, v.uuid), v])), loaded: true });
  },
  replaceHost(host, list) {
    const next = withoutHost(get().byKey, host);
    for (const v of list) next[vmKey(v.host, v.uuid)] = v;
    set({ byKey: next });
  },
  upsert(vm) {
    set({ byKey: { ...get().byKey, [vmKey(vm.host, vm.uuid)]: vm } });
  },
  forget(key) {
    if (!(key in get().byKey)) return;
    const next = { ...get().byKey };
    delete next[key];
    set({ byKey: next });
  },
  forgetHost(host) {
    set({ byKey: withoutHost(get().byKey, host), liveEvents: withoutHost(get().liveEvents, host) });
  },
  markHostStale(host) {
    const prefix = `${host}/`;
    let changed = false;
    const next: Record<string, VmInfo> = {};
    for (const [k, v] of Object.entries(get().byKey)) {
      if (k.startsWith(prefix) && !v.stale) {
        next[k] = { ...v, stale: true };
        changed = true;
      } else next[k] = v;
    }
    if (changed) set({ byKey: next });
  },
  noteDomainEvent(key, e) {
    const list = [e, ...(get().liveEvents[key] ?? [])].slice(0, LIVE_EVENTS_PER_VM);
    set({ liveEvents: { ...get().liveEvents, [key]: list } });
  },

  act: (ref, action) => runTask('vms.action', { ref, action }).then(() => undefined),
  deleteVm: (ref, withStorage) => runTask('vms.delete', { ref, withStorage }).then(() => undefined),
  migrate: (spec) => runTask('migration.migrate', spec).then(() => undefined),
  clone: (spec) => runTask('vms.clone', spec).then(() => undefined),
  setAutostart: (ref, autostart) => backend().api['vms.setAutostart']({ ref, autostart }).then(() => undefined),
  setLocked: (ref, locked) => backend().api['vms.setLocked']({ ref, locked }).then(() => undefined),
  setTags: (ref, add, remove) => backend().api['vms.setTags']({ ref, add, remove }).then((vm) => get().upsert(vm)),
  setOwner: (ref, owner) => backend().api['vms.setOwner']({ ref, owner }).then((vm) => get().upsert(vm)),
  setNotes: (ref, notes) => backend().api['vms.setNotes']({ ref, notes }).then((vm) => get().upsert(vm)),
  rename: (ref, newName) => backend().api['vms.rename']({ ref, newName }).then(() => undefined),
  xml: (ref, inactive) => backend().api['vms.xml']({ ref, inactive }),
  storedEvents: (ref, limit) => backend().api['vms.events']({ ref, limit }),
  async reloadHost(host) {
    get().replaceHost(host, await backend().api['vms.list']({ host }));
  },
  async refreshHost(host) {
    get().replaceHost(host, await backend().api['vms.refreshHost']({ host }));
  },
}));
