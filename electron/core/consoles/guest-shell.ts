// SSH to a guest, carried by the host's existing SSH connection (the guest's network may be unreachable from the
// laptop): an interactive shell, or one command. Guest host keys are trusted on first use per address and kept
// apart from the user's known_hosts (guests are recreated often; a changed key is still refused).
import { join } from 'node:path';
import type { GuestShell } from '../api.js';
import { type ExecResult, SshConnection } from '../../ssh/connection.js';

export interface GuestTarget {
  ip: string;
  user: string;
  /** VirtDeck's state directory (guest_known_hosts lives there). */
  home: string;
  identityFiles?: string[];
}

async function connectGuest(host: SshConnection, t: GuestTarget): Promise<SshConnection> {
  const guest = new SshConnection({
    host: t.ip,
    port: 22,
    user: t.user,
    via: host,
    configFile: null,
    knownHostsFile: join(t.home, 'guest_known_hosts'),
    onUnknownHostKey: async () => true,
    reconnect: false,
    ...(t.identityFiles?.length ? { identityFiles: t.identityFiles, identitiesOnly: true } : {}),
  });
  await guest.connect();
  return guest;
}

export async function openGuestShell(host: SshConnection, t: GuestTarget, size: { cols: number; rows: number; term?: string }): Promise<GuestShell> {
  const guest = await connectGuest(host, t);
  const shell = await guest.shell(size).catch((err: unknown) => {
    guest.close();
    throw err;
  });
  shell.once('close', () => guest.close());
  return shell;
}

export async function guestExec(host: SshConnection, t: GuestTarget, command: readonly string[]): Promise<ExecResult> {
  const guest = await connectGuest(host, t);
  try {
    return await guest.exec(command);
  } finally {
    guest.close();
  }
}
