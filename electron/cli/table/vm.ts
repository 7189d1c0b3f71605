// virtdeck vm list|<action>|lock|unlock|delete|xml|screenshot|edit|define|events|template (and the commands of vm-facts.ts and
// vm-hardware.ts)
import { SHUTDOWN_WAIT_SEC, VM_ACTIONS, type VmAction } from '../../../shared/model/vm.js';
import { FILTER_FLAG, HOST_ARG, HOST_FILTER, JSON_FLAG, VM_ARG, from } from './common.js';
import type { CommandDef, GroupDef } from './types.js';
import { LIST_COLUMNS } from '../vm-columns.js';
import { vmFactCommands } from './vm-facts.js';
import { vmCreateCommand } from './new-vm.js';
import { vmHardwareCommands } from './vm-hardware.js';

const code = () => import('../commands/vm.js');
const migrateCode = () => import('../commands/migrate.js');
const defineCode = () => import('../commands/vm-define.js');
const cloneCode = () => import('../commands/clone.js');
const imageCode = () => import('../commands/image.js');

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
  summary: 'virtual machines: list, create, lifecycle, lock, delete, migrate, XML, history, hardware',
  commands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'VMs of every host (or one), as libvirt reports them; offline hosts show their last known VMs',
      flags: [
        HOST_FILTER,
        FILTER_FLAG,
        { name: 'columns', value: 'A,B,…', help: `the columns to show: ${LIST_COLUMNS.join(', ')} or a custom column's name` },
        JSON_FLAG,
      ],
      load: from(code, 'list'),
    },
    vmCreateCommand,
    ...actions,
    {
      name: 'lock',
      summary: 'refuse every stop, save and delete of a VM until unlocked (kept on its host: every VirtDeck obeys it)',
      args: [VM_ARG],
      load: from(code, 'lock'),
    },
    { name: 'unlock', summary: 'allow stops, saves and deletes again', args: [VM_ARG], load: from(code, 'lock') },
    ...vmFactCommands,
    {
      name: 'delete',
      aliases: ['rm'],
      summary: 'stop and undefine a VM (its UEFI variables (NVRAM) and TPM state go with it)',
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
        { name: 'ip', value: 'CIDR|auto', help: "a new address from the target's IPAM when the VM's cannot stay (another network segment)" },
        JSON_FLAG,
      ],
      details:
        'Checks first and changes nothing when the target lacks a network, bridge, pool space, memory, CPU model, firmware or TPM, or has ' +
        'the name or UUID. An IPAM-held address stays only on the same L2 segment (a host bridge of the same name on both hosts, ' +
        'same subnet); on a NAT, routed or isolated network the VM needs a new one (--ip).',
      load: from(migrateCode, 'migrate'),
    },
    {
      name: 'clone',
      summary: 'copy a VM under a new name, UUID and MACs, here or on another host (Ctrl+C cancels)',
      args: [VM_ARG, { name: 'NEWNAME' }],
      flags: [
        { name: 'to', value: 'HOST', complete: 'host', help: 'clone onto another inventory host (a full copy, SHA-256 checked)' },
        { name: 'linked', help: "qcow2 overlays on the shut-off source's disks (same host; its disks become their base: keep it shut off)" },
        { name: 'ip', value: 'CIDR|auto', help: "a VirtDeck instance's address from IPAM, written into its new seed (default auto when the source has one)" },
        { name: 'count', value: 'N', help: 'several clones; NEWNAME then holds {n} (web-{n} → web-1, web-2, …)' },
        { name: 'start', help: 'start the clones once all are defined' },
        JSON_FLAG,
      ],
      details:
        'A clone gets a new name, UUID, MACs and its own disks; a VirtDeck instance also a new seed (new instance-id,\n' +
        'hostname = NEWNAME, a new machine id, its own address). A running VM is copied from its disks as they were\n' +
        'when the clone began (it writes to temporary overlays meanwhile, merged back afterwards); --linked needs it\n' +
        'shut off. Checks first and changes nothing when a name is taken, a pool lacks room or a network is missing;\n' +
        'a failure or Ctrl+C removes what was made.',
      load: from(cloneCode, 'clone'),
    },
    {
      name: 'xml',
      summary: "print the VM's domain XML",
      args: [VM_ARG],
      flags: [{ name: 'inactive', help: 'the persistent definition rather than the running one' }],
      load: from(code, 'xml'),
    },
    {
      name: 'screenshot',
      summary: "save the running VM's screen as a PNG file (at the guest's resolution; an existing file is replaced)",
      args: [VM_ARG, { name: 'FILE', complete: 'file' }],
      load: from(code, 'screenshot'),
    },
    {
      name: 'edit',
      summary: "edit the VM's persistent definition in $VISUAL/$EDITOR; the diff is shown, then it is defined (validated)",
      args: [VM_ARG],
      details: 'libvirt checks the XML against its schema; a refused edit changes nothing and is kept in a file (its path is printed). Locked VMs refuse.',
      load: from(defineCode, 'edit'),
    },
    {
      name: 'define',
      summary: "define a VM from an XML file (validated); prints the diff against the definition it replaces, if any",
      args: [HOST_ARG, { name: 'FILE', complete: 'file' }],
      details: 'A refused definition changes nothing; the error names the line of FILE where it can. Locked VMs refuse.',
      load: from(defineCode, 'define'),
    },
    {
      name: 'events',
      summary: "the VM's recorded history (lifecycle, lock, rename, migration, launch), oldest first",
      args: [VM_ARG],
      flags: [{ name: 'limit', value: 'N', help: 'the latest N events (default 100, at most 1000)' }, JSON_FLAG],
      load: from(code, 'history'),
    },
    {
      name: 'template',
      summary: 'make an image of the library from a running VirtDeck instance (the guest is cleaned and shut down)',
      args: [VM_ARG, { name: 'IMAGE-NAME' }],
      flags: [JSON_FLAG],
      details:
        'Through the guest agent: cloud-init clean, an empty machine-id, no SSH host keys; then a shutdown, and the\n' +
        'disk copied (flattened, read-only) into IMAGE-NAME.qcow2 of its pool. `virtdeck launch --image IMAGE-NAME`\n' +
        'then makes new machines from it. The VM itself stays shut off (it would start as a new machine too).',
      load: from(imageCode, 'template'),
    },
    ...vmHardwareCommands,
  ],
};
