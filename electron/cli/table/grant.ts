// virtdeck grant create|list|revoke, console --grant
import { JSON_FLAG, VM_ARG, from } from './common.js';
import type { CommandDef, GroupDef } from './types.js';

const grants = () => import('../commands/grant.js');
const PASSPHRASE_FILE = { name: 'passphrase-file', value: 'FILE', complete: 'file', help: "the key's passphrase, first line of FILE (else asked on the terminal)" } as const;

export const grantGroup: GroupDef = {
  name: 'grant',
  summary: "give one person one VM's console for a bounded time, enforced on its host",
  commands: [
    {
      name: 'create',
      summary: 'grant a VM console (VNC and/or serial) until a time; writes the grant file',
      args: [VM_ARG],
      flags: [
        { name: 'for', value: 'NAME', required: true, help: 'who the grant is for' },
        { name: 'hours', value: 'N', help: 'for N hours from now' },
        { name: 'minutes', value: 'N', help: 'for N minutes from now' },
        { name: 'until', value: 'DATE', help: 'until this time (ISO-8601, e.g. 2026-12-24T18:00:00Z)' },
        { name: 'vnc', help: 'the VNC display (default when neither --vnc nor --serial)' },
        { name: 'serial', help: 'the serial console' },
        { name: 'view-only', help: 'support mode shows the screen without sending input' },
        { name: 'from', value: 'CIDR', repeat: true, help: 'only from these addresses' },
        { name: 'out', value: 'FILE', required: true, complete: 'file', help: 'write the grant file here (mode 0600)' },
        PASSPHRASE_FILE,
        { name: 'create-account', help: "create the host's console account if missing (no shell, not in the libvirt group)" },
      ],
      details: 'Give the grant file and its passphrase to the person by separate ways. OpenSSH can use it too:\n' +
        '  jq -r .privateKey FILE > key; ssh -i key -N -L 5900:127.0.0.1:PORT virtdeck-console@HOST',
      load: from(grants, 'create'),
    },
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'active grants of every connected host, one host or one VM',
      args: [{ name: 'HOST[/VM]', optional: true, complete: 'vm' }],
      flags: [JSON_FLAG],
      load: from(grants, 'list'),
    },
    { name: 'revoke', summary: "remove a grant at once (and reset its VM's VNC password)", args: [{ name: 'GRANT-ID' }], load: from(grants, 'revoke') },
  ],
};

export const consoleCommand: CommandDef = {
  name: 'console',
  summary: "support mode: a VM's serial console in the terminal with a grant file alone",
  flags: [
    { name: 'grant', value: 'FILE', required: true, complete: 'file', help: 'the grant file' },
    { name: 'serial', help: 'the serial console (the only kind the terminal shows)' },
    PASSPHRASE_FILE,
  ],
  details: 'Ctrl+] leaves the console.',
  load: from(grants, 'consoleWithGrant'),
};
