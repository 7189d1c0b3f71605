// vms.* calls.
import type { HandlersOf } from '../calls.js';
import type { VmService } from './vm-service.js';

export function vmHandlers(vms: VmService): HandlersOf<'vms'> {
  return {
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
