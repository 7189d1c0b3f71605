// instances.* and ipam.* calls (IPAM serves the launch wizard; its service lives here too).
import type { HandlersOf } from '../calls.js';
import type { InstanceService } from './instance-service.js';
import type { IpamService } from './ipam-service.js';

export function instanceHandlers(instances: InstanceService, ipam: IpamService): HandlersOf<'instances' | 'ipam'> {
  return {
    'ipam.get': async ({ host, network }) => ipam.load(host, network),
    'ipam.check': async ({ host, network, settings }) => ipam.check(host, network, settings),
    'ipam.set': async ({ host, network, settings }) => ipam.set(host, network, settings),
    'ipam.reserve': async ({ host, network, ip, note }) => ipam.reserveByHand(host, network, ip, note),
    'ipam.release': async ({ host, network, ip }) => {
      await ipam.releaseByHand(host, network, ip);
      return null;
    },
    'ipam.remove': async ({ host, network }) => {
      await ipam.remove(host, network);
      return null;
    },
    'ipam.describe': async ({ host, network }) => ipam.describe(host, network),
    'ipam.vmAddress': async ({ ref }) => ipam.vmAddress(ref),
    'instances.validate': async ({ spec }) => instances.validate(spec),
    'instances.preview': async ({ spec }) => instances.preview(spec),
    'instances.launch': {
      // `auto` placement: the launch names the chosen host once it is planned.
      task: ({ spec }) => ({ op: 'instance.launch', args: { name: spec.name, host: spec.host }, host: spec.host === 'auto' ? null : spec.host }),
      run: ({ spec }) => instances.launch(spec),
    },
  };
}
