// Console grants (issue 15): the admin's list per host / per VM, create (saving the grant file where the user
// picks) and revoke; and support mode, the one session a grant file opens. Grants live on the hosts' own files, so
// no event says when another VirtDeck changed them: lists load when shown and after every change made here.
import { create } from 'zustand';
import type { GrantInfo, SupportSession } from '../../shared/ipc/grant-schemas.js';
import type { VmRef } from '../../shared/model/vm.js';
import { backend, type LocalFile } from './backend.js';

/** Which grants a list shows: a host's, or one VM's (by UUID). */
export interface GrantScope {
  host: string;
  vm?: string;
}

/** What the grant dialog asks for; the window is already an end time. */
export interface GrantDraft {
  ref: VmRef;
  for: string;
  until: string;
  vnc: boolean;
  serial: boolean;
  viewOnly: boolean;
  from: string[];
  passphrase: string;
  createAccount: boolean;
}

export const scopeKey = (s: GrantScope): string => (s.vm ? `${s.host}/${s.vm}` : s.host);

interface GrantsState {
  byScope: Readonly<Record<string, readonly GrantInfo[]>>;
  /** Support mode: the open grant, or null (the admin's app). */
  support: SupportSession | null;
  load(scope: GrantScope): Promise<void>;
  /** Asks where to save the grant file first; null when the user cancels that. */
  create(draft: GrantDraft): Promise<GrantInfo | null>;
  revoke(grant: GrantInfo): Promise<void>;
  openSupport(file: LocalFile, passphrase: string): Promise<SupportSession>;
  closeSupport(): Promise<void>;
}

export const useGrants = create<GrantsState>()((set, get) => {
  const api = () => backend().api;
  const reload = async (host: string) => {
    await Promise.all(Object.keys(get().byScope).filter((k) => k === host || k.startsWith(`${host}/`)).map((k) => {
      const [h, vm] = k.split('/') as [string, string | undefined];
      return get().load(vm ? { host: h, vm } : { host: h });
    }));
  };
  return {
    byScope: {},
    support: null,
    async load(scope) {
      const list = await api()['grants.list'](scope.vm ? { host: scope.host, vm: scope.vm } : { host: scope.host });
      set({ byScope: { ...get().byScope, [scopeKey(scope)]: list } });
    },
    async create(draft) {
      const target = await backend().files.saveTarget(`grant-${draft.ref.host}-${draft.for.replace(/[^\w.-]+/g, '_')}.json`);
      if (!target) return null;
      const { from, ...rest } = draft;
      const r = await api()['grants.create']({ ...rest, ...(from.length ? { from } : {}), file: target.path });
      await target.deliver();
      await reload(draft.ref.host);
      return r.grant;
    },
    async revoke(grant) {
      await api()['grants.revoke']({ id: grant.id });
      await reload(grant.host);
    },
    async openSupport(file, passphrase) {
      const staged = await backend().files.stage(file);
      try {
        const session = await api()['grants.open']({ file: staged.path, passphrase });
        set({ support: session });
        return session;
      } finally {
        await staged.release();
      }
    },
    async closeSupport() {
      const s = get().support;
      set({ support: null });
      if (s) await api()['grants.close']({ id: s.id });
    },
  };
});
