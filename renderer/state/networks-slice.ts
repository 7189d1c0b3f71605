// Virtual networks per host and the calls the network screens need; reloaded after every change made from here.
import { create } from 'zustand';
import type { NetworkInfo, NetworkSpec } from '../../shared/model/network.js';
import { backend } from './backend.js';
import { runTask } from './tasks-slice.js';

interface NetworksState {
  byHost: Readonly<Record<string, readonly NetworkInfo[]>>;
  load(host: string): Promise<void>;
  check(host: string, spec: NetworkSpec): Promise<void>;
  define(host: string, spec: NetworkSpec, start: boolean): Promise<NetworkInfo>;
  action(host: string, name: string, action: 'start' | 'stop'): Promise<void>;
  setAutostart(host: string, name: string, autostart: boolean): Promise<void>;
  remove(host: string, name: string): Promise<void>;
}

export const useNetworks = create<NetworksState>()((set, get) => {
  const api = () => backend().api;
  return {
    byHost: {},
    async load(host) {
      const list = await api()['networks.list']({ host });
      set({ byHost: { ...get().byHost, [host]: list } });
    },
    async check(host, spec) {
      await api()['networks.check']({ host, spec });
    },
    async define(host, spec, start) {
      const net = await runTask('networks.define', { host, spec, start });
      await get().load(host);
      return net;
    },
    async action(host, name, action) {
      await runTask('networks.action', { host, name, action });
      await get().load(host);
    },
    async setAutostart(host, name, autostart) {
      await api()['networks.setAutostart']({ host, name, autostart });
      await get().load(host);
    },
    async remove(host, name) {
      await runTask('networks.delete', { host, name });
      await get().load(host);
    },
  };
});
