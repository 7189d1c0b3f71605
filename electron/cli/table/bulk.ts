// virtdeck bulk ACTION --filter EXPR [--yes]: one action on every VM a filter matches (previewed; --yes runs it).
import { FILTER_FLAG, JSON_FLAG, from } from './common.js';
import type { CommandDef, FlagDef, GroupDef } from './types.js';

const code = () => import('../commands/bulk.js');

const FLAGS: readonly FlagDef[] = [
  { ...FILTER_FLAG, required: true },
  { name: 'host', value: 'NAME', complete: 'host', help: 'only VMs of this host' },
  { name: 'yes', help: 'run it (without: print the VMs it would touch and change nothing)' },
  JSON_FLAG,
];

const command = (name: string, summary: string, extra: Partial<CommandDef> = {}): CommandDef => ({
  name,
  summary,
  ...extra,
  flags: [...(extra.flags ?? []), ...FLAGS],
  load: from(code, 'bulk'),
});

export const bulkGroup: GroupDef = {
  name: 'bulk',
  summary: 'one action on every VM a filter matches: previewed first, --yes runs it as one task',
  details:
    'Without --yes the VMs are listed with what would happen to each ("these 7 VMs on 2 hosts") and nothing changes.\n' +
    'With --yes the action runs as one task with a step per VM: a VM that cannot take it (locked, already off, host\n' +
    'offline) is skipped with the reason, one that fails is reported with its error, and the rest go on.\n' +
    'Exit status: 0 when no VM failed (skipped ones included), 1 otherwise.',
  commands: [
    command('start', 'start the matching VMs that are shut off'),
    command('shutdown', 'shut down the matching running VMs (graceful; waits for each guest)'),
    command('destroy', 'force off the matching VMs (locked ones are skipped)'),
    command('snapshot', 'take an internal snapshot NAME of each matching VM', {
      args: [{ name: 'NAME' }],
      flags: [{ name: 'description', value: 'TEXT', help: 'a note on each snapshot' }],
    }),
    command('tag', 'add (+TAG or TAG) and remove (-TAG) tags on each matching VM', { args: [{ name: '+TAG|-TAG', repeat: true }] }),
    command('lock', 'lock the matching VMs against destructive actions'),
    command('unlock', 'unlock the matching VMs'),
    command('owner', 'set the owner of each matching VM (--clear removes it)', {
      args: [{ name: 'NAME', optional: true }],
      flags: [{ name: 'clear', help: 'remove the owner' }],
    }),
  ],
};
