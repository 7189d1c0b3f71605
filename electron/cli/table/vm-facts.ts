// virtdeck vm tag|note|owner|field and vm column …: the facts a VM carries on its host (see `vm list --columns`).
import { FACT_COLUMN_KINDS } from '../../../shared/model/vm-facts.js';
import { JSON_FLAG, VM_ARG, from } from './common.js';
import type { Def } from './types.js';

const code = () => import('../commands/vm-facts.js');
const CLEAR = { name: 'clear', help: 'remove it' };

export const vmFactCommands: readonly Def[] = [
  {
    name: 'tag',
    summary: 'add (+TAG or TAG) and remove (-TAG) tags; without any, print them',
    args: [VM_ARG, { name: '+TAG|-TAG', optional: true, repeat: true }],
    details: 'Tags live in the VM\'s domain XML on its host: every VirtDeck that reaches the host sees them.',
    load: from(code, 'tag'),
  },
  {
    name: 'note',
    summary: 'set the VM\'s notes (TEXT - reads them from stdin, lines kept); without TEXT, print them',
    args: [VM_ARG, { name: 'TEXT', optional: true }],
    flags: [CLEAR],
    load: from(code, 'note'),
  },
  {
    name: 'owner',
    summary: 'set who owns the VM; without NAME, print it',
    args: [VM_ARG, { name: 'NAME', optional: true }],
    flags: [CLEAR],
    load: from(code, 'owner'),
  },
  {
    name: 'field',
    summary: 'set the VM\'s value of a custom column (see vm column)',
    args: [VM_ARG, { name: 'COLUMN' }, { name: 'VALUE', optional: true }],
    flags: [CLEAR],
    load: from(code, 'setField'),
  },
  {
    name: 'column',
    summary: 'custom columns of the VM list (text, date or choice)',
    commands: [
      { name: 'list', aliases: ['ls'], summary: 'the custom columns', flags: [JSON_FLAG], load: from(code, 'columnList') },
      {
        name: 'define',
        summary: 'add a column; its values are set per VM with vm field',
        args: [{ name: 'NAME' }],
        flags: [
          { name: 'kind', value: 'KIND', choices: FACT_COLUMN_KINDS, help: 'text (default), date (YYYY-MM-DD) or choice' },
          { name: 'choices', value: 'A,B,…', help: 'the values a choice column allows' },
        ],
        load: from(code, 'columnDefine'),
      },
      { name: 'remove', aliases: ['rm'], summary: 'remove a column (the values stay on the VMs)', args: [{ name: 'NAME' }], load: from(code, 'columnRemove') },
    ],
  },
];
