// pools.* and volumes.* calls.
import type { HandlersOf } from '../calls.js';
import type { StorageService } from './storage-service.js';

export function storageHandlers(storage: StorageService): HandlersOf<'pools' | 'volumes'> {
  return {
    'pools.list': async ({ host }) => storage.pools.list(host),
    'pools.discover': {
      task: ({ host, type }) => ({ op: 'pool.discover', args: { type }, host }),
      run: ({ host, type, sourceHost }) => storage.pools.discoverSources(host, type, sourceHost),
    },
    'pools.check': async ({ host, spec, build }) => {
      await storage.pools.check(host, spec, build);
      return null;
    },
    'pools.define': {
      task: ({ host, spec }) => ({ op: 'pool.define', args: { pool: spec.name }, host }),
      run: ({ host, spec, options }) => storage.pools.define(host, spec, options),
    },
    'pools.action': {
      task: ({ host, pool, action }) => ({ op: `pool.${action}`, args: { pool }, host }),
      run: ({ host, pool, action }) => {
        switch (action) {
          case 'start':
            return storage.pools.start(host, pool);
          case 'stop':
            return storage.pools.stop(host, pool);
          case 'build':
            return storage.pools.build(host, pool);
          case 'refresh':
            return storage.pools.refresh(host, pool);
        }
      },
    },
    'pools.setAutostart': async ({ host, pool, autostart }) => storage.pools.setAutostart(host, pool, autostart),
    'pools.deletePlan': async ({ host, pool, deleteData }) => storage.pools.deletePlan(host, pool, deleteData),
    'pools.delete': {
      task: ({ host, pool }) => ({ op: 'pool.delete', args: { pool }, host }),
      run: ({ host, pool, deleteData }) => storage.pools.delete(host, pool, deleteData),
    },
    'volumes.list': async ({ host, pool }) => storage.volumes.list(host, pool),
    'volumes.check': async ({ host, pool, options }) => {
      await storage.volumes.check(host, pool, options);
      return null;
    },
    'volumes.create': {
      task: ({ host, pool, options }) => ({ op: 'volume.create', args: { pool, volume: options.name }, host }),
      run: ({ host, pool, options }) => storage.volumes.create(host, pool, options),
    },
    'volumes.clone': {
      task: ({ host, pool, volume, newName }) => ({ op: 'volume.clone', args: { pool, volume, newName }, host }),
      run: ({ host, pool, volume, newName }) => storage.volumes.clone(host, pool, volume, newName),
    },
    'volumes.resize': {
      task: ({ host, pool, volume }) => ({ op: 'volume.resize', args: { pool, volume }, host }),
      run: ({ host, pool, volume, capacity, shrink, overcommit }) =>
        storage.volumes.resize(host, pool, volume, capacity, {
          ...(shrink === undefined ? {} : { shrink }),
          ...(overcommit === undefined ? {} : { overcommit }),
        }),
    },
    'volumes.delete': {
      task: ({ host, pool, volume }) => ({ op: 'volume.delete', args: { pool, volume }, host }),
      run: async ({ host, pool, volume }) => {
        await storage.volumes.delete(host, pool, volume);
        return null;
      },
    },
    'volumes.upload': {
      task: ({ host, pool, volume, file }) => ({ op: 'volume.upload', args: { pool, volume, file }, host }),
      run: ({ host, pool, volume, file }) => storage.transfers.upload(host, pool, volume, file),
    },
    'volumes.download': {
      task: ({ host, pool, volume, file }) => ({ op: 'volume.download', args: { pool, volume, file }, host }),
      run: ({ host, pool, volume, file }) => storage.transfers.download(host, pool, volume, file),
    },
  };
}
