// virtdeck vm list|<action>|lock|unlock|delete|xml (and the hardware commands of vm-hardware.ts)
import { SHUTDOWN_WAIT_SEC, VM_ACTIONS, type VmAction } from '../../../shared/model/vm.js';
import { HOST_ARG, HOST_FILTER, JSON_FLAG, VM_ARG, from } from './common.js';
import type { CommandDef, GroupDef } from './types.js';
import { vmHardwareCommands } from './vm-hardware.js';

const code = () => import('../commands/vm.js');
const migrateCode = () => import('../commands/migrate.js');

const ACTION_SUMMARY: Record<VmAction, string> = {
  start: 'start a VM (from its saved state if it has one)',
  shutdown: 'ask the guest to shut down (ACPI)',
  reboot: 'ask the guest to reboot',
  destroy: 'stop a VM at once, like pulling the plug',
  suspend: 'pause a running VM',
  resume: 'resume a paused VM',
  save: "save a running VM's memory to disk and stop it (start resumes it)",
  reset: 'reset a VM at once, like the reset button',
};

const actions: CommandDef[] = VM_ACTIONS.map((action) => ({
  name: action,
  summary: ACTION_SUMMARY[action],
  args: [VM_ARG],
  ...(action === 'shutdown'
    ? { flags: [{ name: 'wait', value: 'SEC', help: `how long to wait for the guest to be off before failing (default ${SHUTDOWN_WAIT_SEC})` }] }
    : {}),
  load: from(code, 'action'),
}));

export const vmGroup: GroupDef = {
  name: 'vm',
  summary: 'virtual machines: list, lifecycle, lock, delete, migrate, XML, hardware',
  commands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'VMs of every host (or one), as libvirt reports them; offline hosts show their last known VMs',
      flags: [HOST_FILTER, JSON_FLAG],
      load: from(code, 'list'),
    },
    ...actions,
    { name: 'lock', summary: 'refuse every stop, save and delete of a VM until unlocked', args: [VM_ARG], load: from(code, 'lock') },
    { name: 'unlock', summary: 'allow stops, saves and deletes again', args: [VM_ARG], load: from(code, 'lock') },
    {
      name: 'delete',
      aliases: ['rm'],
      summary: 'stop and undefine a VM',
      args: [VM_ARG],
      flags: [{ name: 'with-storage', help: 'also delete its disk volumes that no other VM uses' }],
      load: from(code, 'remove'),
    },
    {
      name: 'migrate',
      summary: 'move a VM to another host with its disks: live when it runs, copied when shut off (Ctrl+C cancels)',
      args: [VM_ARG, { ...HOST_ARG, name: 'DEST' }],
      flags: [
        { name: 'offline', help: 'the VM must be shut off: copy its volumes (SHA-256 checked), define it there, undefine it here' },
        { name: 'copy-storage', help: 'copy the disks to the target (the default: no shared storage)' },
        { name: 'shared-storage', help: 'the target reaches the same disk files; copy nothing' },
        { name: 'map-network', value: 'SRC=DST', repeat: true, help: "attach the VM's network SRC to the target's network DST" },
        { name: 'delete-source', help: "delete the VM's own disk volumes on the source afterwards" },
        { name: 'max-downtime', value: 'MS', help: 'longest pause at the switch-over, in milliseconds' },
        { name: 'bandwidth', value: 'MIB', help: 'cap the transfer rate (memory and disks), MiB/s' },
        JSON_FLAG,
      ],
      details: 'Checks first and changes nothing when the target lacks a network, pool space, memory, or has the name or UUID.',
      load: from(migrateCode, 'migrate'),
    },
    {
      name: 'xml',
      summary: "print the VM's domain XML",
      args: [VM_ARG],
      flags: [{ name: 'inactive', help: 'the persistent definition rather than the running one' }],
      load: from(code, 'xml'),
    },
    ...vmHardwareCommands,
  ],
};
