// virtdeck snap list|create|revert|delete
import { JSON_FLAG, VM_ARG, from } from './common.js';
import type { GroupDef } from './types.js';

const code = () => import('../commands/snap.js');
const NAME = { name: 'NAME' };

export const snapGroup: GroupDef = {
  name: 'snap',
  summary: 'snapshots of a VM: internal (with memory) or external (disk overlays)',
  commands: [
    { name: 'list', aliases: ['ls'], summary: 'snapshot tree, "*" on the current one', args: [VM_ARG], flags: [JSON_FLAG], load: from(code, 'list') },
    {
      name: 'create',
      summary: 'take a snapshot (internal: with memory when the VM runs)',
      args: [VM_ARG, NAME],
      flags: [{ name: 'external', help: 'disk-only overlays instead' }, { name: 'description', value: 'TEXT', help: 'a note' }, JSON_FLAG],
      load: from(code, 'create'),
    },
    {
      name: 'revert',
      summary: 'go back to a snapshot',
      args: [VM_ARG, NAME],
      flags: [{ name: 'start', help: 'run the VM afterwards' }, { name: 'no-start', help: 'leave it stopped' }],
      details: 'Without --start or --no-start the VM ends in the state it had before.',
      load: from(code, 'revert'),
    },
    { name: 'delete', aliases: ['rm'], summary: 'delete a snapshot (external: merged back first)', args: [VM_ARG, NAME], load: from(code, 'remove') },
  ],
};
