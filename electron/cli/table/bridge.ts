// virtdeck bridge list|nics|create|delete|confirm|status
import { HOST_ARG, JSON_FLAG, from } from './common.js';
import type { FlagDef, GroupDef } from './types.js';

const code = () => import('../commands/bridge.js');
const ROLLBACK: FlagDef = { name: 'rollback', value: 'SECONDS', help: 'the host restores the old setup unless confirmed in time (default 60)' };
const NO_CONFIRM: FlagDef = { name: 'no-confirm', help: 'leave the change unconfirmed (confirm it yourself in time)' };

export const bridgeGroup: GroupDef = {
  name: 'bridge',
  summary: "host network bridges, changed safely (the host rolls back what you don't confirm)",
  details: 'A change is applied with a rollback timer on the host; without --no-confirm the CLI reconnects and\nconfirms it at once, otherwise confirm it yourself in time or the host restores the old configuration.',
  commands: [
    { name: 'list', aliases: ['ls'], summary: 'bridges of the host', args: [HOST_ARG], flags: [JSON_FLAG], load: from(code, 'list') },
    { name: 'nics', summary: 'network stack and NICs (which one carries SSH)', args: [HOST_ARG], flags: [JSON_FLAG], load: from(code, 'nics') },
    {
      name: 'create',
      summary: 'put a NIC into a new bridge (its address moves to the bridge)',
      args: [HOST_ARG, { name: 'NIC' }],
      flags: [
        { name: 'vlan', value: 'ID', help: 'bridge a VLAN of the NIC' },
        { name: 'name', value: 'BR', help: 'bridge name (default br0, br1…)' },
        ROLLBACK,
        { name: 'allow-ssh-nic', help: 'the NIC carries this SSH session: go ahead anyway' },
        NO_CONFIRM,
      ],
      load: from(code, 'create'),
    },
    { name: 'delete', aliases: ['rm'], summary: 'take a one-port bridge apart', args: [HOST_ARG, { name: 'BR' }], flags: [ROLLBACK, NO_CONFIRM], load: from(code, 'remove') },
    { name: 'confirm', summary: 'keep an applied change', args: [HOST_ARG, { name: 'CHANGE-ID' }], flags: [JSON_FLAG], load: from(code, 'confirm') },
    { name: 'status', summary: 'state of a change', args: [HOST_ARG, { name: 'CHANGE-ID' }], flags: [JSON_FLAG], load: from(code, 'status') },
  ],
};
