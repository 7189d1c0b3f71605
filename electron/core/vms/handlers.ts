// vms.* calls.
import type { HandlersOf } from '../calls.js';
import type { HardwareService } from './hardware/hardware-service.js';
import type { VmService } from './vm-service.js';

export function vmHandlers(vms: VmService, hw: HardwareService): HandlersOf<'vms'> {
  return {
    'vms.hardware': ({ ref }) => hw.view(ref),
    'vms.setResources': (input) => hw.setResources(input),
    'vms.attachDisk': {
      task: ({ ref }) => ({ op: 'vm.attach-disk', args: { vm: vms.nameOf(ref), host: ref.host }, host: ref.host }),
      run: (input) => hw.attachDisk(input),
    },
    'vms.detachDisk': {
      task: ({ ref, target }) => ({ op: 'vm.detach-disk', args: { vm: vms.nameOf(ref), host: ref.host, target }, host: ref.host }),
      run: (input) => hw.detachDisk(input),
    },
    'vms.setCdrom': (input) => hw.setCdrom(input),
    'vms.addNic': (input) => hw.addNic(input),
    'vms.removeNic': (input) => hw.removeNic(input),
    'vms.setNicLink': (input) => hw.setNicLink(input),
    'vms.setBoot': (input) => hw.setBoot(input),
    'vms.list': async ({ host }) => vms.list(host ? { host } : {}),
    'vms.action': {
      task: ({ ref, action }) => ({ op: `vm.${action}`, args: { vm: vms.nameOf(ref), host: ref.host }, host: ref.host }),
      run: async ({ ref, action, waitSec }) => {
        await vms.action(ref, action, waitSec);
        return null;
      },
    },
    'vms.refreshHost': async ({ host }) => vms.refreshHost(host),
    'vms.delete': {
      task: ({ ref }) => ({ op: 'vm.delete', args: { vm: vms.nameOf(ref), host: ref.host }, host: ref.host }),
      run: ({ ref, withStorage }) => vms.delete(ref, withStorage),
    },
    'vms.rename': async ({ ref, newName }) => {
      await vms.rename(ref, newName);
      return null;
    },
    'vms.setAutostart': async ({ ref, autostart }) => {
      await vms.setAutostart(ref, autostart);
      return null;
    },
    'vms.setLocked': async ({ ref, locked }) => {
      vms.setLocked(ref, locked);
      return null;
    },
    'vms.xml': async ({ ref, inactive }) => vms.xml(ref, inactive ?? false),
    'vms.events': async ({ ref, limit }) =>
      vms.events(ref, limit).map((e) => ({ id: e.id, host: e.host, vmUuid: e.vmUuid, kind: e.kind, message: e.message, at: e.at })),
  };
}
