// pools.* and volumes.* calls.
import type { HandlersOf } from '../calls.js';
import type { StorageService } from './storage-service.js';

export function storageHandlers(storage: StorageService): HandlersOf<'pools' | 'volumes'> {
  return {
    'pools.list': async ({ host }) => storage.listPools(host),
    'pools.discover': async ({ host, type, sourceHost }) => storage.discoverSources(host, type, sourceHost),
    'pools.check': async ({ host, spec, build }) => {
      await storage.checkPool(host, spec, build);
      return null;
    },
    'pools.define': {
      task: ({ host, spec }) => ({ op: 'pool.define', args: { pool: spec.name }, host }),
      run: ({ host, spec, options }) => storage.definePool(host, spec, options),
    },
    'pools.action': {
      task: ({ host, pool, action }) => ({ op: `pool.${action}`, args: { pool }, host }),
      run: ({ host, pool, action }) => {
        switch (action) {
          case 'start':
            return storage.startPool(host, pool);
          case 'stop':
            return storage.stopPool(host, pool);
          case 'build':
            return storage.buildPool(host, pool);
          case 'refresh':
            return storage.refreshPool(host, pool);
        }
      },
    },
    'pools.setAutostart': async ({ host, pool, autostart }) => storage.setPoolAutostart(host, pool, autostart),
    'pools.deletePlan': async ({ host, pool, deleteData }) => storage.deletePlan(host, pool, deleteData),
    'pools.delete': {
      task: ({ host, pool }) => ({ op: 'pool.delete', args: { pool }, host }),
      run: ({ host, pool, deleteData }) => storage.deletePool(host, pool, deleteData),
    },
    'volumes.list': async ({ host, pool }) => storage.listVolumes(host, pool),
    'volumes.create': {
      task: ({ host, pool, options }) => ({ op: 'volume.create', args: { pool, volume: options.name }, host }),
      run: ({ host, pool, options }) => storage.createVolume(host, pool, options),
    },
    'volumes.clone': {
      task: ({ host, pool, volume, newName }) => ({ op: 'volume.clone', args: { pool, volume, newName }, host }),
      run: ({ host, pool, volume, newName }) => storage.cloneVolume(host, pool, volume, newName),
    },
    'volumes.resize': {
      task: ({ host, pool, volume }) => ({ op: 'volume.resize', args: { pool, volume }, host }),
      run: ({ host, pool, volume, capacity, shrink, overcommit }) =>
        storage.resizeVolume(host, pool, volume, capacity, {
          ...(shrink === undefined ? {} : { shrink }),
          ...(overcommit === undefined ? {} : { overcommit }),
        }),
    },
    'volumes.delete': {
      task: ({ host, pool, volume }) => ({ op: 'volume.delete', args: { pool, volume }, host }),
      run: async ({ host, pool, volume }) => {
        await storage.deleteVolume(host, pool, volume);
        return null;
      },
    },
    'volumes.upload': {
      task: ({ host, pool, volume, file }) => ({ op: 'volume.upload', args: { pool, volume, file }, host }),
      run: ({ host, pool, volume, file }) => storage.uploadVolume(host, pool, volume, file),
    },
    'volumes.download': {
      task: ({ host, pool, volume, file }) => ({ op: 'volume.download', args: { pool, volume, file }, host }),
      run: ({ host, pool, volume, file }) => storage.downloadVolume(host, pool, volume, file),
    },
  };
}
