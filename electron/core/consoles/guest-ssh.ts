// SSH into a guest VM, reached from its host (the guest's network may exist only there). The guest's keys are
// kept under the VM's UUID in VirtDeck's own store; a key seen for the first time is compared with the keys the
// VM printed on its serial console (refused when they disagree) and shown to the user before it is trusted.
import type { HostKeyPrompt } from '../../../shared/model/host.js';
import { SshConnection } from '../../ssh/connection.js';
import { SshHostKeyRejectedError } from '../../ssh/errors.js';
import type { HostTransport } from '../hosts/host-transport.js';
import { readConsoleHostKeys } from './console-host-keys.js';
import type { GuestHostKeys } from './guest-host-keys.js';

export interface GuestLogin {
  /** The VM's host. */
  transport: HostTransport;
  vm: { uuid: string; name: string; xml: string };
  ip: string;
  user: string;
  /** Key files; default: the host's own, then the user's defaults. */
  identityFiles?: string[];
  keys: GuestHostKeys;
  /** A key not in the store yet, with what the console said: true = trust it (it is then recorded). */
  confirm(prompt: HostKeyPrompt): Promise<boolean>;
}

/** A connected guest; the caller closes it. */
export async function connectGuest(login: GuestLogin): Promise<SshConnection> {
  const { vm, ip } = login;
  const guest = new SshConnection({
    host: ip,
    port: 22,
    user: login.user,
    via: login.transport,
    configFile: null,
    knownHostsFile: login.keys.file,
    hostKeyAlias: login.keys.alias(vm.uuid),
    ...(login.identityFiles?.length ? { identityFiles: login.identityFiles, identitiesOnly: true } : {}),
    onUnknownHostKey: async (p) => {
      const vouched = await readConsoleHostKeys(login.transport, vm.xml);
      if (vouched && !vouched.has(p.fingerprint)) {
        throw new SshHostKeyRejectedError(`${login.user}@${ip}:22 (VM ${vm.name})`, p.fingerprint, p.keyType, 'contradicted');
      }
      return login.confirm({
        host: `${ip}:22`,
        keyType: p.keyType,
        fingerprint: p.fingerprint,
        otherKnownTypes: p.otherKnownTypes,
        guest: { vm: vm.name, console: vouched ? 'match' : 'unavailable' },
      });
    },
    reconnect: false,
  });
  await guest.connect();
  return guest;
}
