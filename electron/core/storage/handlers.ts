// pools.* and volumes.* calls.
import type { HandlersOf } from '../calls.js';
import type { TaskService } from '../tasks/task-service.js';
import type { StorageService } from './storage-service.js';

export function storageHandlers(storage: StorageService, tasks: TaskService): HandlersOf<'pools' | 'volumes'> {
  return {
    'pools.list': async ({ host }) => storage.listPools(host),
    'pools.discover': async ({ host, type, sourceHost }) => storage.discoverSources(host, type, sourceHost),
    'pools.check': async ({ host, spec, build }) => {
      await storage.checkPool(host, spec, build);
      return null;
    },
    'pools.define': async ({ host, spec, options }) =>
      tasks.run({ title: `define pool ${spec.name}`, host }, () => storage.definePool(host, spec, options)),
    'pools.action': async ({ host, pool, action }) =>
      tasks.run({ title: `${action} pool ${pool}`, host }, () => {
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
      }),
    'pools.setAutostart': async ({ host, pool, autostart }) => storage.setPoolAutostart(host, pool, autostart),
    'pools.deletePlan': async ({ host, pool, deleteData }) => storage.deletePlan(host, pool, deleteData),
    'pools.delete': async ({ host, pool, deleteData }) => storage.deletePool(host, pool, deleteData),
    'volumes.list': async ({ host, pool }) => storage.listVolumes(host, pool),
    'volumes.create': async ({ host, pool, options }) =>
      tasks.run({ title: `create volume ${pool}/${options.name}`, host }, () => storage.createVolume(host, pool, options)),
    'volumes.clone': async ({ host, pool, volume, newName }) => storage.cloneVolume(host, pool, volume, newName),
    'volumes.resize': async ({ host, pool, volume, capacity, shrink, overcommit }) =>
      tasks.run({ title: `resize volume ${pool}/${volume}`, host }, () =>
        storage.resizeVolume(host, pool, volume, capacity, {
          ...(shrink === undefined ? {} : { shrink }),
          ...(overcommit === undefined ? {} : { overcommit }),
        })),
    'volumes.delete': async ({ host, pool, volume }) => {
      await tasks.run({ title: `delete volume ${pool}/${volume}`, host }, () => storage.deleteVolume(host, pool, volume));
      return null;
    },
    'volumes.upload': async ({ host, pool, volume, file }) => storage.uploadVolume(host, pool, volume, file),
    'volumes.download': async ({ host, pool, volume, file }) => storage.downloadVolume(host, pool, volume, file),
  };
}
