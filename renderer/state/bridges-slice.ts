// Host bridges on real NICs: the host's network stack and NICs, its bridges, and the safe-apply change waiting for
// confirmation (one per host). The host rolls a change back by itself unless it is confirmed before its deadline.
import { create } from 'zustand';
import type { BridgeCreateSpec, BridgeInfo, BridgeTxn, HostNetworkInfo } from '../../shared/model/bridge.js';
import { backend } from './backend.js';
import { runTask } from './tasks-slice.js';

interface BridgesState {
  networkByHost: Readonly<Record<string, HostNetworkInfo>>;
  byHost: Readonly<Record<string, readonly BridgeInfo[]>>;
  /** The last change applied from here, per host, as last reported. */
  txnByHost: Readonly<Record<string, BridgeTxn>>;
  detect(host: string): Promise<HostNetworkInfo>;
  load(host: string): Promise<void>;
  create(host: string, spec: BridgeCreateSpec): Promise<BridgeTxn>;
  remove(host: string, name: string, rollbackSeconds?: number): Promise<BridgeTxn>;
  confirm(host: string): Promise<BridgeTxn>;
  /**
   * The deadline passed unconfirmed: waits (up to `waitMs`) until the bridge list shows the host's rollback (a
   * created bridge gone, a deleted one back), then records the change as rolled back.
   */
  awaitRollback(host: string, waitMs?: number): Promise<void>;
  dismiss(host: string): void;
}

export const useBridges = create<BridgesState>()((set, get) => {
  const api = () => backend().api;
  const setTxn = (txn: BridgeTxn) => set({ txnByHost: { ...get().txnByHost, [txn.host]: txn } });
  const pending = (host: string) => {
    const txn = get().txnByHost[host];
    if (!txn) throw new Error(`no bridge change waiting on ${host}`);
    return txn;
  };
  return {
    networkByHost: {},
    byHost: {},
    txnByHost: {},
    async detect(host) {
      const net = await api()['bridges.detect']({ host });
      set({ networkByHost: { ...get().networkByHost, [host]: net } });
      return net;
    },
    async load(host) {
      const list = await api()['bridges.list']({ host });
      set({ byHost: { ...get().byHost, [host]: list } });
    },
    async create(host, spec) {
      const txn = await runTask('bridges.create', { host, spec });
      setTxn(txn);
      await get().load(host);
      return txn;
    },
    async remove(host, name, rollbackSeconds) {
      const txn = await runTask('bridges.delete', { host, name, ...(rollbackSeconds === undefined ? {} : { rollbackSeconds }) });
      setTxn(txn);
      await get().load(host);
      return txn;
    },
    async confirm(host) {
      const txn = await runTask('bridges.confirm', { host, id: pending(host).id });
      setTxn(txn);
      await get().load(host);
      return txn;
    },
    async awaitRollback(host, waitMs = 20_000) {
      const txn = pending(host);
      const until = Date.now() + waitMs;
      for (;;) {
        await get().load(host);
        const present = (get().byHost[host] ?? []).some((b) => b.name === txn.bridge);
        if (present === (txn.action === 'delete')) break;
        if (Date.now() > until) throw new Error(`${host} has not rolled back the ${txn.action} of ${txn.bridge} yet`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      setTxn({ ...txn, state: 'rolled-back' });
    },
    dismiss(host) {
      const next = { ...get().txnByHost };
      delete next[host];
      set({ txnByHost: next });
    },
  };
});
