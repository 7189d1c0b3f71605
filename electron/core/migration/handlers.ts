// migration.* calls.
import type { HandlersOf } from '../calls.js';
import type { VmService } from '../vms/vm-service.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { evacuate } from './evacuate.js';
import { copyImageToHost, copyVolumeToHost } from './volume-copy.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { MigrationService } from './migration-service.js';

export function migrationHandlers(migration: MigrationService, vms: VmService, hosts: HostRegistry, inventory: Inventory): HandlersOf<'migration'> {
  return {
    'migration.migrate': {
      task: (spec) => ({
        op: 'vm.migrate',
        args: { vm: vms.nameOf(spec.ref), host: spec.ref.host, dest: spec.dest },
        host: spec.ref.host,
        cancellable: true,
        steps: ['precheck', 'migrate', 'finish'],
      }),
      run: (spec, ctx) => migration.migrate(spec, ctx),
    },
    'migration.evacuate': {
      task: ({ host }) => ({ op: 'host.evacuate', args: { host }, host, cancellable: true }),
      run: (spec, ctx) => evacuate(spec, { hosts, vms, migration }, ctx),
    },
    'migration.copyVolume': {
      task: (spec) => ({ op: 'volume.copy', args: { volume: spec.volume, host: spec.host, dest: spec.dest }, host: spec.dest, cancellable: true }),
      run: (spec, ctx) => copyVolumeToHost(hosts, spec, ctx),
    },
    'migration.copyImage': {
      task: (spec) => ({ op: 'image.copy', args: { name: spec.name, host: spec.host, dest: spec.dest }, host: spec.dest, cancellable: true }),
      run: (spec, ctx) => copyImageToHost(hosts, inventory, spec, ctx),
    },
  };
}
