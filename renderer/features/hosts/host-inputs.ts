// The inputs of the add/edit host wizard's first step and the input a check's config field is shown on.
import { headInput } from '../../app/dialog-gate.js';

export const HOST_INPUTS = ['address', 'name', 'identity', 'jump', 'uri'] as const;
export type HostInput = (typeof HOST_INPUTS)[number];

/** The input a config field ("ssh.port", "ssh.identityFile", …) is shown on: the SSH host, user and port on the address. */
export const hostInputOf = headInput<HostInput>(HOST_INPUTS, {
  'ssh.host': 'address', 'ssh.user': 'address', 'ssh.port': 'address', ssh: 'address', 'ssh.identityFile': 'identity', 'ssh.jump': 'jump',
});
