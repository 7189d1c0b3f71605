// vms.* calls.
import type { HandlersOf } from '../calls.js';
import { saveScreenshot } from '../consoles/screenshot.js';
import type { HardwareService } from './hardware/hardware-service.js';
import type { CloneService } from './clone/clone-service.js';
import type { VmFactsService } from './vm-facts.js';
import type { VmService } from './vm-service.js';

export function vmHandlers(vms: VmService, hw: HardwareService, facts: VmFactsService, clones: CloneService): HandlersOf<'vms'> {
  return {
    'vms.clone': {
      task: (spec) => ({
        op: 'vm.clone',
        args: { vm: vms.nameOf(spec.ref), host: spec.ref.host, dest: spec.dest ?? spec.ref.host, name: spec.name },
        host: spec.dest ?? spec.ref.host,
        cancellable: true,
        steps: ['precheck', 'copy', ...(spec.start ? ['start'] : [])],
      }),
      run: (spec, ctx) => clones.clone(spec, ctx),
    },
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
    'vms.moveNic': (input) => hw.moveNic(input),
    'vms.setBoot': (input) => hw.setBoot(input),
    'vms.setDevices': (input) => hw.setDevices(input),
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
      await facts.setLocked(ref, locked);
      return null;
    },
    'vms.setTags': ({ ref, add, remove }) => facts.setTags(ref, add, remove),
    'vms.setOwner': ({ ref, owner }) => facts.setOwner(ref, owner),
    'vms.setNotes': ({ ref, notes }) => facts.setNotes(ref, notes),
    'vms.setField': ({ ref, column, value }) => facts.setField(ref, column, value),
    'vms.columns': async () => facts.columns(),
    'vms.defineColumn': async (column) => facts.defineColumn(column),
    'vms.removeColumn': async ({ name }) => facts.removeColumn(name),
    'vms.xml': async ({ ref, inactive }) => vms.xml(ref, inactive ?? false),
    'vms.screenshot': ({ ref, file }) => saveScreenshot(vms, ref, file),
    'vms.events': async ({ ref, limit }) =>
      vms.events(ref, limit).map((e) => ({ id: e.id, host: e.host, vmUuid: e.vmUuid, kind: e.kind, message: e.message, at: e.at, data: e.data })),
  };
}
