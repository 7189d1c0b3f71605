// networks.* calls.
import type { HandlersOf } from '../calls.js';
import type { TaskService } from '../tasks/task-service.js';
import type { NetworkService } from './network-service.js';

export function networkHandlers(networks: NetworkService, tasks: TaskService): HandlersOf<'networks'> {
  return {
    'networks.list': async ({ host }) => networks.list(host),
    'networks.check': async ({ host, spec }) => {
      await networks.check(host, spec);
      return null;
    },
    'networks.define': async ({ host, spec, start }) =>
      tasks.run({ title: `define network ${spec.name}`, host }, () => networks.define(host, spec, start === undefined ? {} : { start })),
    'networks.action': async ({ host, name, action }) =>
      tasks.run({ title: `${action} network ${name}`, host }, () =>
        action === 'start' ? networks.start(host, name) : networks.stop(host, name)),
    'networks.setAutostart': async ({ host, name, autostart }) => networks.setAutostart(host, name, autostart),
    'networks.delete': async ({ host, name }) => {
      await tasks.run({ title: `delete network ${name}`, host }, () => networks.delete(host, name));
      return null;
    },
  };
}
