// networks.* calls.
import type { HandlersOf } from '../calls.js';
import type { NetworkService } from './network-service.js';

export function networkHandlers(networks: NetworkService): HandlersOf<'networks'> {
  return {
    'networks.list': async ({ host }) => networks.list(host),
    'networks.check': async ({ host, spec }) => {
      await networks.check(host, spec);
      return null;
    },
    'networks.define': {
      task: ({ host, spec }) => ({ op: 'network.define', args: { network: spec.name }, host }),
      run: ({ host, spec, start }) => networks.define(host, spec, start === undefined ? {} : { start }),
    },
    'networks.action': {
      task: ({ host, name, action }) => ({ op: `network.${action}`, args: { network: name }, host }),
      run: ({ host, name, action }) => (action === 'start' ? networks.start(host, name) : networks.stop(host, name)),
    },
    'networks.setAutostart': async ({ host, name, autostart }) => networks.setAutostart(host, name, autostart),
    'networks.leases': async ({ host, name }) => networks.leases(host, name),
    'networks.delete': {
      task: ({ host, name }) => ({ op: 'network.delete', args: { network: name }, host }),
      run: async ({ host, name }) => {
        await networks.delete(host, name);
        return null;
      },
    },
  };
}
