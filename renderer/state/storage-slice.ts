// Storage pools and volumes per host, plus the calls the storage screens need. Lists are loaded on demand, reloaded
// after every change made from here and on resource-changed events (resource-refresh.ts).
import { create } from 'zustand';
import type { CallInput, CallValue, TaskResult } from '../../shared/ipc/contract.js';
import type { PoolDeletePlan, PoolInfo, PoolSpec, VolumeCreateOptions, VolumeInfo } from '../../shared/model/storage.js';
import { backend, type LocalFile } from './backend.js';
import { runTask } from './tasks-slice.js';

type PoolAction = CallInput<'pools.action'>['action'];

export const volumesKey = (host: string, pool: string): string => `${host}/${pool}`;

/** Safe volume name from a local file name (what an uploaded file is called in its pool). */
export function volumeNameOf(file: string): string {
  return file.replace(/[^A-Za-z0-9._+-]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'upload';
}

interface StorageState {
  pools: Readonly<Record<string, readonly PoolInfo[]>>;
  volumes: Readonly<Record<string, readonly VolumeInfo[]>>;
  /** Staging progress (0..1) of browser uploads, keyed host/pool/volume. */
  staging: Readonly<Record<string, number>>;

  loadPools(host: string): Promise<void>;
  loadVolumes(host: string, pool: string): Promise<void>;
  discover(input: CallInput<'pools.discover'>): Promise<CallValue<'pools.discover'>>;
  checkPool(host: string, spec: PoolSpec, build: boolean): Promise<void>;
  definePool(input: CallInput<'pools.define'>): Promise<PoolInfo>;
  poolAction(host: string, pool: string, action: PoolAction): Promise<void>;
  setPoolAutostart(host: string, pool: string, autostart: boolean): Promise<void>;
  deletePlan(host: string, pool: string, deleteData: boolean): Promise<PoolDeletePlan>;
  deletePool(host: string, pool: string, deleteData: boolean): Promise<void>;

  checkVolume(host: string, pool: string, options: VolumeCreateOptions): Promise<void>;
  createVolume(host: string, pool: string, options: VolumeCreateOptions): Promise<VolumeInfo>;
  cloneVolume(host: string, pool: string, volume: string, newName: string): Promise<void>;
  resizeVolume(input: CallInput<'volumes.resize'>): Promise<void>;
  deleteVolume(host: string, pool: string, volume: string): Promise<void>;
  /** Stages the file where the core can read it (browser: through the bridge), then uploads it as a task. */
  upload(host: string, pool: string, volume: string, file: LocalFile): Promise<TaskResult<'volumes.upload'>>;
  /** Downloads into a file the user gets (browser: staged, then saved by the browser); null when cancelled. */
  download(host: string, pool: string, volume: string): Promise<TaskResult<'volumes.download'> | null>;
}

export const useStorage = create<StorageState>()((set, get) => {
  const api = () => backend().api;
  const afterPoolChange = async (host: string) => get().loadPools(host);
  const afterVolumeChange = async (host: string, pool: string) => {
    await Promise.all([get().loadVolumes(host, pool), get().loadPools(host)]);
  };
  return {
    pools: {},
    volumes: {},
    staging: {},

    async loadPools(host) {
      const list = await api()['pools.list']({ host });
      set({ pools: { ...get().pools, [host]: list } });
    },
    async loadVolumes(host, pool) {
      const list = await api()['volumes.list']({ host, pool });
      set({ volumes: { ...get().volumes, [volumesKey(host, pool)]: list } });
    },
    discover: (input) => runTask('pools.discover', input),
    async checkPool(host, spec, build) {
      await api()['pools.check']({ host, spec, build });
    },
    async definePool(input) {
      const pool = await runTask('pools.define', input);
      await afterPoolChange(input.host);
      return pool;
    },
    async poolAction(host, pool, action) {
      await runTask('pools.action', { host, pool, action });
      await afterPoolChange(host);
    },
    async setPoolAutostart(host, pool, autostart) {
      await api()['pools.setAutostart']({ host, pool, autostart });
      await afterPoolChange(host);
    },
    deletePlan: (host, pool, deleteData) => api()['pools.deletePlan']({ host, pool, deleteData }),
    async deletePool(host, pool, deleteData) {
      await runTask('pools.delete', { host, pool, deleteData });
      const volumes = { ...get().volumes };
      delete volumes[volumesKey(host, pool)];
      set({ volumes });
      await afterPoolChange(host);
    },

    async checkVolume(host, pool, options) {
      await api()['volumes.check']({ host, pool, options });
    },
    async createVolume(host, pool, options) {
      const vol = await runTask('volumes.create', { host, pool, options });
      await afterVolumeChange(host, pool);
      return vol;
    },
    async cloneVolume(host, pool, volume, newName) {
      await runTask('volumes.clone', { host, pool, volume, newName });
      await afterVolumeChange(host, pool);
    },
    async resizeVolume(input) {
      await runTask('volumes.resize', input);
      await afterVolumeChange(input.host, input.pool);
    },
    async deleteVolume(host, pool, volume) {
      await runTask('volumes.delete', { host, pool, volume });
      await afterVolumeChange(host, pool);
    },
    async upload(host, pool, volume, file) {
      const key = `${host}/${pool}/${volume}`;
      const setStaging = (fraction: number | null) => {
        const staging = { ...get().staging };
        if (fraction === null) delete staging[key];
        else staging[key] = fraction;
        set({ staging });
      };
      setStaging(0);
      let staged;
      try {
        staged = await backend().files.stage(file, setStaging);
      } finally {
        setStaging(null);
      }
      try {
        return await runTask('volumes.upload', { host, pool, volume, file: staged.path });
      } finally {
        await staged.release().catch(() => undefined);
        await afterVolumeChange(host, pool);
      }
    },
    async download(host, pool, volume) {
      const target = await backend().files.saveTarget(volume);
      if (!target) return null;
      const result = await runTask('volumes.download', { host, pool, volume, file: target.path });
      await target.deliver();
      return result;
    },
  };
});
