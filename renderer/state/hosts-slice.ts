// Hosts as the core reports them, plus the calls the hosts UI needs.
import type { ErrorReport } from '../../shared/model/errors.js';
import { create } from 'zustand';
import type { CallInput, CallOutput, CallValue } from '../../shared/ipc/contract.js';
import type { HostInfo, HostStatus } from '../../shared/model/host.js';
import { backend, type LocalFile } from './backend.js';
import { runTask } from './tasks-slice.js';
import { useVms } from './vms-slice.js';

interface HostsState {
  byName: Readonly<Record<string, HostInfo>>;
  loaded: boolean;
  setAll(list: readonly HostInfo[]): void;
  upsert(host: HostInfo): void;
  applyStatus(name: string, status: HostStatus, since: string, error: ErrorReport | null): void;
  forget(name: string): void;

  /** This machine's libvirtd, when it runs one and no local host is configured yet (else null). */
  localCandidate(): Promise<CallOutput<'hosts.localCandidate'>>;
  /** Adds this machine's libvirtd as a `local` host (no SSH). */
  addLocal(candidate: NonNullable<CallOutput<'hosts.localCandidate'>>): Promise<HostInfo>;
  sshAliases(): Promise<string[]>;
  localKeys(): Promise<string[]>;
  probeKey(input: CallInput<'hosts.probeKey'>): Promise<CallValue<'hosts.probeKey'>>;
  /** The problems of a host's settings that need no connection, each naming its field. */
  check(input: CallInput<'hosts.check'>): Promise<CallValue<'hosts.check'>>;
  /**
   * The path the core uses for a picked known_hosts file. A browser's file is staged once and kept there, since the
   * host's config goes on naming it.
   */
  knownHostsPath(file: LocalFile): Promise<string>;
  add(input: CallInput<'hosts.add'>): Promise<HostInfo>;
  /** New settings and/or name for a host; a renamed host's VMs come back under the new name as it connects. */
  update(input: CallInput<'hosts.update'>): Promise<HostInfo>;
  remove(name: string): Promise<void>;
  test(name: string): Promise<CallValue<'hosts.test'>>;
}

const knownHostsPaths = new WeakMap<LocalFile, Promise<string>>();

export const useHosts = create<HostsState>()((set, get) => ({
  byName: {},
  loaded: false,
  setAll(list) {
    set({ byName: Object.fromEntries(list.map((h) => [h.name, h])), loaded: true });
  },
  upsert(host) {
    set({ byName: { ...get().byName, [host.name]: host } });
  },
  applyStatus(name, status, since, error) {
    const h = get().byName[name];
    if (!h) return;
    set({ byName: { ...get().byName, [name]: { ...h, status, statusSince: since, lastError: error } } });
  },
  forget(name) {
    const next = { ...get().byName };
    delete next[name];
    set({ byName: next });
  },

  localCandidate: () => backend().api['hosts.localCandidate']({}),
  addLocal: (candidate) => get().add({ config: { name: candidate.suggestedName, transport: 'local', uri: candidate.uri } }),
  sshAliases: () => backend().api['hosts.sshAliases']({}),
  localKeys: () => backend().api['hosts.localKeys']({}),
  probeKey: (input) => runTask('hosts.probeKey', input),
  check: (input) => backend().api['hosts.check'](input),
  knownHostsPath(file) {
    let staged = knownHostsPaths.get(file);
    if (!staged) {
      staged = backend().files.stage(file).then((f) => f.path);
      knownHostsPaths.set(file, staged);
      staged.catch(() => knownHostsPaths.delete(file));
    }
    return staged;
  },
  async add(input) {
    const host = await runTask('hosts.add', input);
    get().upsert(host);
    return host;
  },
  async update(input) {
    const host = await runTask('hosts.update', input);
    if (host.name !== input.name) {
      get().forget(input.name);
      useVms.getState().forgetHost(input.name);
    }
    get().upsert(host);
    return host;
  },
  async remove(name) {
    await backend().api['hosts.remove']({ name });
    get().forget(name);
  },
  test: (name) => runTask('hosts.test', { name }),
}));

/** Hosts sorted by name, for the sidebar and pickers. */
export function sortedHosts(byName: Readonly<Record<string, HostInfo>>): HostInfo[] {
  return Object.values(byName).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}
